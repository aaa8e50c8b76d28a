import { ClipKitValidationError, DailyRateLimitError, redactText, redactUrl } from "@clipkit/core";

/**
 * The documented exit codes. `dailyLimit`: Zoom's daily rate limit is used up; nothing more can
 * be done until it resets, and a re-run then resumes.
 */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  dailyLimit: 3,
  interrupted: 130,
  terminated: 143,
} as const;

/** Bad usage (a missing credential, a wrong date): exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Adds a credential to a run's secrets (too short a value would redact ordinary words). */
export function rememberSecret(secrets: Set<string>, value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** A URL's credential-bearing query values (signed CDN URLs, `access_token`) replaced. */
const redactUrls = (text: string) =>
  text.replace(/https?:\/\/[^\s"'<>]+/g, (url) => redactUrl(url));

/** The one line an error is reported as: no stack, none of `secrets`, no signed URL. */
export function describeError(error: unknown, secrets: Iterable<string>): string {
  let text: string;
  if (error instanceof Error) {
    text = error.message;
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    if (cause && !text.includes(cause)) text += ` (${cause})`;
  } else text = String(error);
  const line = text.replace(/\s+/g, " ").trim();
  return redactText(redactUrls(line), [...secrets]);
}

/** The exit code an error that ends a command calls for. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof DailyRateLimitError) return EXIT.dailyLimit;
  return error instanceof UsageError || error instanceof ClipKitValidationError
    ? EXIT.usage
    : EXIT.failure;
}
