import { ClipKitValidationError } from "./errors/validation-error.js";

const PLACEHOLDER = /\{([^{}]+)\}/g;
const PLAIN = /^[\x20-\x24\x26-\x7e]*$/;
// A UTF-16 surrogate without its partner: encodeURIComponent throws a bare URIError on it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `text` holds a UTF-16 surrogate without its partner (it cannot be percent-encoded). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/**
 * Percent-decodes until nothing changes, tolerating stray `%`: `%252e` → `%2e` → `.`. Ends
 * for any depth of encoding: every round that changes the text shortens it.
 */
function decodeFully(value: string): string {
  let current = value;
  for (;;) {
    const next = current.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );
    if (next === current) return current;
    current = next;
  }
}

/**
 * Whether `value`, read by any layer that decodes percent escapes (once or more) or folds
 * Unicode compatibility forms (`．`, `‥`), is the dot segment `.` or `..`: the URL parser,
 * a proxy or the server would then collapse it and aim the request at another resource.
 */
export function isDotSegment(value: string): boolean {
  // Printable ASCII without `%` neither decodes nor folds: the common case, without the work.
  // Stryker disable next-line ConditionalExpression: without the shortcut the decoding below answers alike
  if (PLAIN.test(value)) return value === "." || value === "..";
  const decoded = decodeFully(value);
  return [decoded, decoded.normalize("NFKC")].some((v) => v === "." || v === "..");
}

/**
 * One path parameter as a single percent-encoded segment. Refuses (with a
 * `ClipKitValidationError` naming `name`) a missing or empty value, a dot segment in any
 * encoding, a value that is not a string or finite number, and one that cannot be encoded
 * (a lone surrogate). `/ ? # % \` and Unicode stay inside the segment, percent-encoded.
 */
export function encodePathSegment(name: string, value: unknown): string {
  if (value === undefined || value === null) {
    throw new ClipKitValidationError(name, "missing: this path parameter is required");
  }
  if (typeof value === "number" ? !Number.isFinite(value) : typeof value !== "string") {
    throw new ClipKitValidationError(name, `expected a string, got ${typeof value}`);
  }
  const text = String(value);
  if (text === "") throw new ClipKitValidationError(name, "must not be empty");
  if (hasLoneSurrogate(text)) {
    throw new ClipKitValidationError(
      name,
      "contains a lone UTF-16 surrogate, which cannot be sent in a URL",
    );
  }
  if (isDotSegment(text)) {
    throw new ClipKitValidationError(
      name,
      `${JSON.stringify(text)} is a dot segment: the URL would point at another resource`,
    );
  }
  return encodeURIComponent(text);
}

/**
 * openapi-fetch's `pathSerializer`: fills every `{name}` of the URL with
 * `encodePathSegment`. It runs while the URL is built, so a bad value throws before any
 * middleware, token request or fetch.
 */
export function guardedPathSerializer(
  pathname: string,
  pathParams: Record<string, unknown>,
): string {
  return pathname.replace(PLACEHOLDER, (_, name: string) =>
    encodePathSegment(name, pathParams[name]),
  );
}
