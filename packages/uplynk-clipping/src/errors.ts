// Local stand-ins for the typed errors of @clipkit/core (ApiError, TimeoutError, unwrap),
// which are not in core's public API yet. Same fields as core's contract, so swapping the
// import is all a later change needs.

const SECRET_PARAMS = ["msg", "sig"];

/** `url` with the signature parameters (and any `extra`) replaced by `REDACTED`. */
export function redactUrl(url: string, extra: string[] = []): string {
  try {
    const parsed = new URL(url);
    for (const name of [...SECRET_PARAMS, ...extra]) {
      if (parsed.searchParams.has(name)) parsed.searchParams.set(name, "REDACTED");
    }
    return parsed.toString();
  } catch {
    return url === "" ? "" : "<unparseable url>";
  }
}

// A Response made in code (a test double, a proxy) has an empty `url`.
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

/** An error answer from Uplynk: the HTTP status with the body's `error` and `message`. */
export class UplynkApiError extends Error {
  override name = "UplynkApiError";
  readonly status: number;
  readonly code: string | undefined;
  readonly apiMessage: string | undefined;
  readonly method: string;
  /** The request URL with `msg` and `sig` redacted. */
  readonly url: string;
  readonly body: unknown;
  constructor(init: { status: number; method: string; url: string; body: unknown }) {
    const body = (init.body ?? {}) as { error?: unknown; message?: unknown };
    const code = typeof body.error === "string" ? body.error : undefined;
    const apiMessage = typeof body.message === "string" ? body.message : undefined;
    const url = redactUrl(init.url);
    const detail = [code, apiMessage].filter(Boolean).join(": ") || "no error message";
    super(
      `Uplynk answered ${init.status} to ${[init.method, pathOf(url)].filter(Boolean).join(" ")}: ${detail}`,
    );
    this.status = init.status;
    this.code = code;
    this.apiMessage = apiMessage;
    this.method = init.method;
    this.url = url;
    this.body = init.body;
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Resolves to `data`, or throws an `UplynkApiError` for an error answer. */
export async function unwrap<T>(pending: Promise<FetchResult<T>>, method: string): Promise<T> {
  const { data, error, response } = await pending;
  if (error !== undefined || !response.ok || data === undefined) {
    throw new UplynkApiError({
      status: response.status,
      method,
      url: response.url,
      body: error,
    });
  }
  return data;
}
