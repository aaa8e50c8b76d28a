import { ClipKitValidationError } from "./errors/validation-error.js";

/** The longest delay a timer can hold: larger values fire after 1 ms in every runtime. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export type OptionRange =
  | { readonly kind: "whole"; readonly min: number; readonly max: number }
  | { readonly kind: "flag" };

/**
 * What each numeric or true/false option of a client, a request or a helper accepts: the one
 * table that `resolvePolicy`, `checkRequestOptions` and the upload planner check against.
 */
export const OPTION_RANGES = {
  maxRetries: { kind: "whole", min: 0, max: 100 },
  timeoutMs: { kind: "whole", min: 1, max: MAX_TIMER_MS },
  idleTimeoutMs: { kind: "whole", min: 1, max: MAX_TIMER_MS },
  maxRetryWaitMs: { kind: "whole", min: 0, max: MAX_TIMER_MS },
  retryPost: { kind: "flag" },
  stream: { kind: "flag" },
} as const satisfies Record<string, OptionRange>;

export type RangedOption = keyof typeof OPTION_RANGES;

/** `value` when it is a whole number in [min, max]; otherwise a `ClipKitValidationError` naming `field`. */
export function wholeNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    const shown = typeof value === "number" ? String(value) : typeof value;
    throw new ClipKitValidationError(
      field,
      `expected a whole number from ${min} to ${max}, got ${shown}`,
    );
  }
  return value;
}

/** The options of `names` that `options` sets, each checked against its range; unset ones left out. */
export function checkOptions<
  T extends Partial<Record<RangedOption, unknown>>,
  K extends RangedOption,
>(options: T, names: readonly K[]): Pick<T, K> {
  const out: Partial<Record<RangedOption, unknown>> = {};
  for (const name of names) {
    const value = options[name];
    if (value === undefined) continue;
    const range: OptionRange = OPTION_RANGES[name];
    if (range.kind === "whole") out[name] = wholeNumber(name, value, range.min, range.max);
    else if (typeof value === "boolean") out[name] = value;
    else {
      throw new ClipKitValidationError(
        name,
        `expected true or false, got ${JSON.stringify(value)}`,
      );
    }
  }
  return out as Pick<T, K>;
}
