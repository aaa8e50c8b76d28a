/** What every redacted value is replaced with. */
export const REDACTED = "REDACTED";

/** Query parameters that carry credentials or signatures in every API we know of. */
export const ALWAYS_REDACTED_PARAMS = [
  "access_token",
  "token",
  "sig",
  "msg",
  "signature",
  "client_secret",
  "password",
  // Signed storage/CDN URLs (S3, CloudFront): the signature and what it grants.
  "x-amz-signature",
  "x-amz-credential",
  "x-amz-security-token",
  "policy",
  "key-pair-id",
] as const;

const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
]);

/**
 * `url` with credential-bearing query values and any user:password replaced by `REDACTED`.
 * Names are compared case-insensitively, because servers often are.
 */
export function redactUrl(url: string, extraParams: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // An unparsable URL may still hold a secret; show none of it.
    return "<unparseable url>";
  }
  const names = new Set([...ALWAYS_REDACTED_PARAMS, ...extraParams].map((n) => n.toLowerCase()));
  const params = new URLSearchParams();
  let changed = false;
  for (const [name, value] of parsed.searchParams) {
    const secret = names.has(name.toLowerCase());
    changed ||= secret;
    params.append(name, secret ? REDACTED : value);
  }
  if (changed) parsed.search = params.toString();
  if (parsed.username) parsed.username = REDACTED;
  if (parsed.password) parsed.password = REDACTED;
  return parsed.toString();
}

/** The headers as a plain object, with credential headers replaced by `REDACTED`. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  });
  return out;
}

/** `text` with every occurrence of each non-empty secret replaced by `REDACTED`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...secrets].filter(Boolean).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(REDACTED);
  }
  return out;
}

/** Runs `redactUrl` over every http(s) URL inside free text (e.g. a low-level error message). */
export function redactUrlsInText(
  text: string,
  // Stryker disable next-line ArrayDeclaration: no extra names, or one no URL uses, redact alike
  extraParams: readonly string[] = [],
): string {
  return text.replace(/https?:\/\/[^\s"'<>]+/g, (url) => redactUrl(url, extraParams));
}
