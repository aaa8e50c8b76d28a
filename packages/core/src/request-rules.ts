// A package's additions to its generated request schemas, kept apart from the interpreter so
// that a client without any (uplynk-clipping, zoom-users) does not carry this code.
import type { Refine, RequestInput, SchemaProblem } from "./request-schema.js";

/** A rule of one operation that its JSON Schemas cannot state, run on input they accept. */
export type ExtraRule = (input: RequestInput) => SchemaProblem | undefined;

/** A clearer message for a problem: a text, or one made from the problem and the input. */
export type MessageOverride = string | ((problem: SchemaProblem, input: RequestInput) => string);

/**
 * What a package adds to its generated schemas, both keyed by operation (`"<METHOD> <path>"`,
 * or `"*"` for every operation): `extra` rules a JSON Schema cannot state, and `messages`
 * that replace the generic ones, keyed by field and keyword (`"tags maxItems"`) or by field.
 */
export interface RequestRules {
  readonly extra?: { readonly [operation: string]: ExtraRule };
  readonly messages?: {
    readonly [operation: string]: { readonly [fieldOrKeyword: string]: MessageOverride };
  };
}

/** The `refine` step that applies `rules`, for `requestSchemaValidation` and `checkRequest`. */
export function requestRules(rules: RequestRules): Refine {
  return (schemaProblem, operation, input) => {
    const problem = schemaProblem ?? rules.extra?.[operation]?.(input);
    if (!problem) return undefined;
    const field = problem.field || "body";
    const own = rules.messages?.[operation];
    const all = rules.messages?.["*"];
    const key = `${field} ${problem.keyword}`;
    const override = own?.[key] ?? own?.[field] ?? all?.[key] ?? all?.[field];
    const message = typeof override === "function" ? override(problem, input) : override;
    return { ...problem, field, message: message ?? problem.message };
  };
}
