// Derives what each operation accepts (parameters, body, upload media types) from a spec, as
// the constraint keywords of its JSON Schemas, for src/generated/limits.ts. Descriptions and
// examples are dropped: the clients ship only what they check.
import { dereference } from "./deref.ts";

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked as plain JSON.
type Json = any;

/** The keywords the runtime checker in @clipkit/core understands (request-schema.ts). */
const CONSTRAINTS = new Set([
  "type",
  "enum",
  "const",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "pattern",
  "format",
  "items",
  "minItems",
  "maxItems",
  "properties",
  "required",
  "additionalProperties",
  "minProperties",
  "maxProperties",
  "oneOf",
  "anyOf",
  "allOf",
]);
const METHODS = ["get", "put", "post", "patch", "delete"] as const;

function constraints(schema: Json, depth = 0): Json {
  if (depth > 32) throw new Error("request schema nests too deeply (a recursive request body?)");
  if (schema === null || typeof schema !== "object" || Array.isArray(schema)) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (!CONSTRAINTS.has(key)) continue;
    if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as Json).map(([name, sub]) => [name, constraints(sub, depth + 1)]),
      );
    } else if (key === "oneOf" || key === "anyOf" || key === "allOf") {
      out[key] = (value as Json[]).map((sub) => constraints(sub, depth + 1));
    } else if (key === "items" || (key === "additionalProperties" && typeof value === "object")) {
      out[key] = constraints(value, depth + 1);
    } else {
      out[key] = value;
    }
  }
  return out;
}

const mediaTypes = (value: unknown): string[] =>
  typeof value === "string" ? value.split(",").map((type) => type.trim()) : [];

/** Zoom's rate-limit categories, as its documents label operations (`x-rate-limit-label`). */
export const RATE_LIMIT_LABELS = ["LIGHT", "MEDIUM", "HEAVY", "RESOURCE_INTENSIVE"];

/** An operation's `x-rate-limit-label`, checked: a typo would silently leave it unpaced. */
function rateLimitLabel(op: Json, key: string): string | undefined {
  const label = op["x-rate-limit-label"];
  if (label === undefined) return undefined;
  if (!RATE_LIMIT_LABELS.includes(label)) {
    throw new Error(
      `${key}: x-rate-limit-label ${JSON.stringify(label)} is not one of ${RATE_LIMIT_LABELS.join(", ")}`,
    );
  }
  return label;
}

/** Zoom's scope names: `recording:read:admin`, `cloud_recording:read:list_user_recordings`. */
const SCOPE = /^[a-z][a-z_]*(:[a-z_]+)*$/;

/** One of an operation's scope lists (`x-macro-scopes`, `x-granular-scopes`), checked. */
function scopeList(op: Json, name: string, key: string): string[] {
  const list = op[name];
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((s) => typeof s !== "string" || !SCOPE.test(s))) {
    throw new Error(
      `${key}: ${name} must be a list of Zoom scope names, got ${JSON.stringify(list)}`,
    );
  }
  return list;
}

/** The operation's scopes, where the spec lists any: a token needs one of them to call it. */
function scopes(op: Json, key: string): Json {
  const macro = scopeList(op, "x-macro-scopes", key);
  const granular = scopeList(op, "x-granular-scopes", key);
  return macro.length + granular.length > 0 ? { scopes: { macro, granular } } : {};
}

/**
 * `{ "<METHOD> <path>": { rateLimit?, scopes?, path, query, body? } }` for every operation;
 * `rateLimit` is the operation's Zoom rate-limit category and `scopes` its macro and granular
 * scopes, where the spec gives them. Nothing the runtime does not read (the operationId,
 * prose): the generator splits it into `operationInfo` (every client ships it) and
 * `requestSchemas` (clients that validate ship it).
 */
export function requestLimits(spec: Json): Json {
  const doc = dereference(spec);
  const table: Json = {};
  for (const [path, item] of Object.entries(doc.paths ?? {}) as [string, Json][]) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const key = `${method.toUpperCase()} ${path}`;
      const rateLimit = rateLimitLabel(op, key);
      const entry: Json = {
        ...(rateLimit ? { rateLimit } : {}),
        ...scopes(op, key),
        path: {},
        query: {},
      };
      for (const param of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        if (param.in !== "path" && param.in !== "query") continue;
        entry[param.in][param.name] = {
          ...(param.required || param.in === "path" ? { required: true } : {}),
          schema: constraints(param.schema ?? {}),
        };
      }
      const content = op.requestBody?.content ?? {};
      const [contentType] = Object.keys(content);
      if (contentType) {
        const media = content[contentType];
        const encoding = Object.fromEntries(
          Object.entries(media.encoding ?? {})
            .map(([field, enc]): [string, string[]] => [
              field,
              mediaTypes((enc as Json).contentType),
            ])
            .filter(([, types]) => types.length > 0),
        );
        entry.body = {
          required: op.requestBody.required === true,
          contentType,
          schema: constraints(media.schema ?? {}),
          ...(Object.keys(encoding).length > 0 ? { encoding } : {}),
        };
      }
      table[key] = entry;
    }
  }
  return table;
}
