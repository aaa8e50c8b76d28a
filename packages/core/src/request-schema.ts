import { ClipKitValidationError } from "./errors/validation-error.js";

/** The constraint keywords of a JSON Schema that the generated limits keep. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly items?: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly properties?: { readonly [name: string]: Schema };
  readonly required?: readonly string[];
  readonly additionalProperties?: Schema;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly oneOf?: readonly Schema[];
  readonly anyOf?: readonly Schema[];
  readonly allOf?: readonly Schema[];
}

/** A schema or JSON Schema's `true` (anything) / `false` (nothing: the field must be absent). */
export type Schema = JsonSchema | boolean;

export interface ParameterSchema {
  readonly required?: boolean;
  readonly schema: JsonSchema;
}

/** One operation's inputs, as `scripts/lib/request-limits.ts` writes them from the spec. */
export interface OperationSchema {
  readonly path: { readonly [name: string]: ParameterSchema };
  readonly query: { readonly [name: string]: ParameterSchema };
  readonly body?: {
    readonly required: boolean;
    readonly contentType: string;
    readonly schema: JsonSchema;
    /** Allowed media types of multipart parts (the spec's `encoding.<part>.contentType`). */
    readonly encoding?: { readonly [part: string]: readonly string[] };
  };
}

/** Every operation's inputs, keyed `"<METHOD> <path template>"`: a package's generated `requestSchemas`. */
export type RequestSchemas = { readonly [operation: string]: OperationSchema };

export interface SchemaProblem {
  field: string;
  message: string;
  /** The keyword that failed (`type`, `maxItems`, `required`, …), for a message override. */
  keyword?: string;
  /** The value that failed (as the server reads it) and the schema it failed. */
  value?: unknown;
  schema?: Schema;
}

// Equivalent mutants (left, listed in the mutation notes): without their anchors the two date
// patterns change no outcome we could find, as validDay and Date.parse refuse what they let
// through (a prefix or a suffix makes no valid date).
const FORMATS: Record<string, (value: string) => boolean> = {
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && validDay(v),
  "date-time": (v) =>
    /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(v) &&
    validDay(v.slice(0, 10)) &&
    !Number.isNaN(Date.parse(v)),
  email: (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  uri: (v) => URL.canParse(v),
};

function validDay(v: string): boolean {
  const time = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(v);
}

const NO_TYPES: readonly string[] = [];

// A spec has a handful of patterns, checked on every request that carries one: compiled once.
const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  // Stryker disable next-line ConditionalExpression: compiling again gives the same pattern
  if (!pattern) {
    pattern = new RegExp(source, "u");
    patterns.set(source, pattern);
  }
  return pattern;
}

/** A schema's `type` as a list (it may be one name or several). */
function typesOf(schema: JsonSchema): readonly string[] {
  if (schema.type === undefined) return NO_TYPES;
  return typeof schema.type === "string" ? [schema.type] : schema.type;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(value: unknown, types: readonly string[]): boolean {
  const actual = typeOf(value);
  if (actual === "number" && !Number.isFinite(value)) return false;
  return types.some((t) => t === actual || (t === "number" && actual === "integer"));
}

const show = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
};

const join = (base: string, key: string | number) =>
  typeof key === "number" ? `${base}[${key}]` : base ? `${base}.${key}` : key;

/**
 * The first rule of `schema` that `value` breaks, or `undefined`. `field` names the value in
 * the problem (nested ones as `params.part_number_etags[0].etag`).
 */
export function schemaProblem(
  value: unknown,
  schema: Schema,
  field: string,
): SchemaProblem | undefined {
  const fail = (message: string, keyword: string, at = field): SchemaProblem => ({
    field: at,
    message,
    keyword,
    value,
    schema,
  });
  if (schema === true) return undefined;
  if (schema === false) return fail("is not allowed here", "false");
  if (schema.type !== undefined) {
    const types = typesOf(schema);
    if (!typeMatches(value, types)) {
      return fail(`expected ${types.join(" or ")}, got ${show(value)}`, "type");
    }
  }
  if (schema.enum && !schema.enum.includes(value)) {
    return fail(`expected one of ${schema.enum.map(show).join(", ")}, got ${show(value)}`, "enum");
  }
  if (schema.const !== undefined && value !== schema.const) {
    return fail(`expected ${show(schema.const)}, got ${show(value)}`, "const");
  }
  if (typeof value === "number") {
    const { minimum: min, maximum: max, exclusiveMinimum: xmin, exclusiveMaximum: xmax } = schema;
    // A comparison with an absent bound is false: no guard needed (`as number` only for tsc).
    if (value < (min as number) || value > (max as number)) {
      return fail(`expected a value from ${min ?? "-∞"} to ${max ?? "∞"}, got ${value}`, "range");
    }
    // As Prism (ajv-formats) reads them: int32 and int64 (the safe integers of JavaScript).
    if (schema.format === "int32" && (value < -(2 ** 31) || value > 2 ** 31 - 1)) {
      return fail(`expected a 32-bit integer, got ${value}`, "format");
    }
    if (schema.format === "int64" && !Number.isSafeInteger(value)) {
      return fail(`expected an integer from -(2^53 - 1) to 2^53 - 1, got ${value}`, "format");
    }
    if (value <= (xmin as number) || value >= (xmax as number)) {
      return fail(
        `expected a value above ${xmin ?? "-∞"} and below ${xmax ?? "∞"}, got ${value}`,
        "range",
      );
    }
  }
  if (typeof value === "string") {
    const length = [...value].length;
    if (length < (schema.minLength as number)) {
      return fail(
        schema.minLength === 1
          ? "must not be empty"
          : `must be at least ${schema.minLength} characters`,
        "minLength",
      );
    }
    if (length > (schema.maxLength as number)) {
      return fail(`must be at most ${schema.maxLength} characters, got ${length}`, "maxLength");
    }
    if (schema.pattern !== undefined && !patternOf(schema.pattern).test(value)) {
      return fail(`does not match the pattern ${schema.pattern}: ${show(value)}`, "pattern");
    }
    const format = schema.format ? FORMATS[schema.format] : undefined;
    if (format && !format(value)) {
      return fail(`expected a ${schema.format}, got ${show(value)}`, "format");
    }
  }
  if (Array.isArray(value)) {
    if (value.length < (schema.minItems as number)) {
      return fail(`needs at least ${schema.minItems} item(s), got ${value.length}`, "minItems");
    }
    if (value.length > (schema.maxItems as number)) {
      return fail(`can hold at most ${schema.maxItems} items, got ${value.length}`, "maxItems");
    }
    const { items } = schema;
    if (items) {
      for (const [i, item] of value.entries()) {
        const problem = schemaProblem(item, items, join(field, i));
        if (problem) return problem;
      }
    }
  }
  if (typeOf(value) === "object") {
    const object = value as Record<string, unknown>;
    const present = Object.keys(object).filter((key) => object[key] !== undefined);
    for (const name of schema.required ?? []) {
      if (!present.includes(name)) return missing(join(field, name), schema.properties?.[name]);
    }
    // A bound on the whole body names it "body" (nested objects keep their own name).
    if (present.length < (schema.minProperties as number)) {
      return fail(
        `needs at least ${schema.minProperties} field(s)`,
        "minProperties",
        field || "body",
      );
    }
    if (present.length > (schema.maxProperties as number)) {
      return fail(
        `can hold at most ${schema.maxProperties} fields`,
        "maxProperties",
        field || "body",
      );
    }
    for (const name of present) {
      const sub = schema.properties?.[name] ?? schema.additionalProperties;
      const problem =
        sub === undefined ? undefined : schemaProblem(object[name], sub, join(field, name));
      if (problem) return problem;
    }
  }
  for (const sub of schema.allOf ?? []) {
    const problem = schemaProblem(value, sub, field);
    if (problem) return problem;
  }
  if (schema.anyOf) {
    const problems = schema.anyOf.map((sub) => schemaProblem(value, sub, field));
    if (problems.every(Boolean)) return problems[0];
  }
  if (schema.oneOf) {
    const problems = schema.oneOf.map((sub) => schemaProblem(value, sub, field));
    const matches = problems.filter((p) => p === undefined).length;
    if (matches === 0) {
      const [first] = problems;
      return fail(
        `matches none of the ${problems.length} accepted shapes (the first says ${first?.field}: ${first?.message})`,
        "oneOf",
      );
    }
    if (matches > 1) {
      return fail(`matches more than one of the accepted shapes; it is ambiguous`, "oneOf");
    }
  }
  return undefined;
}

/** A required value that is missing; `schema` is the one it would have to match. */
const missing = (field: string, schema?: Schema): SchemaProblem => ({
  field,
  message: "is required",
  keyword: "required",
  schema,
});

/** A query or path value as the server reads it: `"30"` counts as the integer 30. */
function asParameter(value: unknown, schema: JsonSchema): unknown {
  if (typeof value !== "string") return value;
  const types = typesOf(schema);
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?$/.test(value)) {
    return Number(value);
  }
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

function parameterProblem(
  given: Record<string, unknown> | undefined,
  rules: { readonly [name: string]: ParameterSchema },
): SchemaProblem | undefined {
  for (const name in rules) {
    const rule = rules[name] as ParameterSchema;
    const value = given?.[name];
    if (value === undefined || value === null) {
      if (rule.required) return missing(name, rule.schema);
      continue;
    }
    // A list given to a single-valued parameter is sent as `name=a&name=b`: a type mismatch.
    const items = rule.schema.items;
    const read =
      Array.isArray(value) && typeof items === "object"
        ? value.map((one) => asParameter(one, items))
        : asParameter(value, rule.schema);
    const problem = schemaProblem(read, rule.schema, name);
    if (problem) return problem;
  }
  return undefined;
}

/** What one call sends: its path and query parameters and its body (parsed, when JSON). */
export interface RequestInput {
  readonly path?: Record<string, unknown> | undefined;
  readonly query?: Record<string, unknown> | undefined;
  readonly body?: unknown;
}

/**
 * A package's own step after the schema's check (see `requestRules`): it gets the schema's
 * problem (or undefined) and the input, and returns the problem to report.
 */
export type Refine = (
  problem: SchemaProblem | undefined,
  operation: string,
  input: RequestInput,
) => SchemaProblem | undefined;

function inputProblem(rule: OperationSchema, input: RequestInput): SchemaProblem | undefined {
  const problem =
    parameterProblem(input.path, rule.path) ?? parameterProblem(input.query, rule.query);
  if (problem || !rule.body) return problem;
  if (input.body === undefined) {
    return rule.body.required ? missing("body") : undefined;
  }
  // Multipart bodies are streamed (uploads); their helpers check the parts before sending.
  return rule.body.contentType.includes("json")
    ? schemaProblem(input.body, rule.body.schema, "")
    : undefined;
}

/**
 * The first problem of `input` for `operation` by its generated schema, then by `refine` (a
 * package's extra rules and messages). Undefined when it passes or the operation is unknown.
 */
export function requestProblem(
  schemas: RequestSchemas,
  operation: string,
  input: RequestInput,
  refine?: Refine,
): SchemaProblem | undefined {
  const rule = schemas[operation];
  if (!rule) return undefined;
  const problem = inputProblem(rule, input);
  return refine ? refine(problem, operation, input) : problem;
}

/** Throws `requestProblem`'s problem as a `ClipKitValidationError`. */
export function checkRequest(
  schemas: RequestSchemas,
  operation: string,
  input: RequestInput,
  refine?: Refine,
): void {
  throwProblem(requestProblem(schemas, operation, input, refine));
}

function throwProblem(problem: SchemaProblem | undefined): void {
  if (problem) throw new ClipKitValidationError(problem.field || "body", problem.message);
}

/**
 * Checks one request of a client against its operation's schemas before anything is sent (a
 * `ClipKitValidationError`, token requests included). It answers with a promise only when a
 * JSON body has to be read, so a GET costs no extra turn of the event loop.
 */
export type RequestValidator = (
  operation: string,
  request: Request,
  params: { readonly path?: Record<string, unknown>; readonly query?: Record<string, unknown> },
) => Promise<void> | undefined;

/**
 * The `validation` of `createApiClient`: path and query parameters (required, type, bounds,
 * enums, formats) and JSON bodies by `schemas` (a package's generated `requestSchemas`), then
 * `refine` (a package's extra rules and messages, `requestRules(table)`). An operation the
 * table does not know passes.
 */
export function requestValidation(schemas: RequestSchemas, refine?: Refine): RequestValidator {
  const check = (rule: OperationSchema, operation: string, input: RequestInput) => {
    const problem = inputProblem(rule, input);
    throwProblem(refine ? refine(problem, operation, input) : problem);
  };
  return (operation, request, { path, query }) => {
    const rule = schemas[operation];
    if (!rule) return undefined;
    if (request.body === null || !rule.body?.contentType.includes("json")) {
      // Multipart bodies are streamed (uploads); their helpers check the parts before sending.
      check(rule, operation, { path, query, body: request.body ?? undefined });
      return undefined;
    }
    return request
      .clone()
      .text()
      .then((text) => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          throw new ClipKitValidationError("body", "expected a JSON body");
        }
        check(rule, operation, { path, query, body });
      });
  };
}
