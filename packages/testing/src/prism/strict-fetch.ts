/** Prism's verdict that a request breaks the spec. */
export class SpecViolationError extends Error {
  override name = "SpecViolationError";
  constructor(
    readonly request: string,
    readonly violations: unknown,
  ) {
    super(`Prism rejected ${request} as not allowed by the spec: ${JSON.stringify(violations)}`);
  }
}

interface Violation {
  severity?: string;
}

/**
 * Prism reports request violations in an `sl-violations` header. With `--errors` it then
 * answers 422, or the spec's own 400/422 response when one is documented, so the status
 * alone cannot tell a forced error from a validation failure.
 */
async function violationsOf(response: Response): Promise<Violation[] | undefined> {
  const header = response.headers.get("sl-violations");
  if (header) {
    const violations = JSON.parse(header) as Violation[];
    const errors = violations.filter((v) => v.severity === "Error");
    return errors.length > 0 ? errors : undefined;
  }
  const type = response.headers.get("content-type") ?? "";
  if (response.status === 422 && type.includes("problem+json")) {
    return [await response.clone().json()];
  }
  return undefined;
}

/**
 * A `fetch` for contract tests: forwards to the real fetch and throws when Prism's request
 * validator found an error, so a client that sends what the spec forbids fails its test.
 */
export function strictFetch(inner: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const violations = await violationsOf(response);
    if (violations !== undefined) {
      const request = input instanceof Request ? `${input.method} ${input.url}` : String(input);
      throw new SpecViolationError(request, violations);
    }
    return response;
  };
}
