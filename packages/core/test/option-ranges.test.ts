// One table of option ranges: the client's options (resolvePolicy) and the per-request ones
// (checkRequestOptions) accept exactly what OPTION_RANGES says, at both edges.
import { describe, expect, it } from "vitest";
import { ClipKitValidationError } from "../src/index.js";
import { OPTION_RANGES, type RangedOption } from "../src/option-ranges.js";
import { checkRequestOptions } from "../src/pipeline/request-options.js";
import { resolvePolicy } from "../src/policy.js";

const entries = Object.entries(OPTION_RANGES) as [
  RangedOption,
  (typeof OPTION_RANGES)[RangedOption],
][];
const clientOptions = new Set<RangedOption>([
  "maxRetries",
  "timeoutMs",
  "idleTimeoutMs",
  "maxRetryWaitMs",
  "retryPost",
]);
const requestOptions = new Set<RangedOption>([
  "maxRetries",
  "timeoutMs",
  "idleTimeoutMs",
  "retryPost",
  "stream",
]);

const checkers: [string, Set<RangedOption>, (name: RangedOption, value: unknown) => unknown][] = [
  [
    "resolvePolicy",
    clientOptions,
    (name, value) => resolvePolicy({ [name]: value })[name as "maxRetries"],
  ],
  [
    "checkRequestOptions",
    requestOptions,
    (name, value) => checkRequestOptions({ [name]: value })[name as "maxRetries"],
  ],
];

describe.each(checkers)("%s reads OPTION_RANGES", (_, names, check) => {
  const ranged = entries.filter(([name]) => names.has(name));

  it.each(ranged)("%s", (name, range) => {
    const refused = (value: unknown) => {
      expect(() => check(name, value)).toThrow(ClipKitValidationError);
      try {
        check(name, value);
      } catch (error) {
        expect((error as ClipKitValidationError).field).toBe(name);
      }
    };
    if (range.kind === "flag") {
      expect(check(name, true)).toBe(true);
      expect(check(name, false)).toBe(false);
      refused("yes");
      refused(1);
      return;
    }
    expect(check(name, range.min)).toBe(range.min);
    expect(check(name, range.max)).toBe(range.max);
    refused(range.min - 1);
    refused(range.max + 1);
    refused(range.min + 0.5);
    refused(String(range.min));
  });
});
