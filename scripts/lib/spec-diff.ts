// Compares two versions of an OpenAPI 3.x document and classifies every change by the semver
// bump it means for the generated client (see scripts/spec-changeset.ts):
//   major: removed operation, parameter, field, response, enum value; narrowed type; new
//          required parameter or required request field
//   minor: added operation, optional parameter, response field, status; widened enum or type;
//          deprecations
//   patch: descriptions, summaries, examples and other text
// OpenAPI 3.1 `webhooks` are classified like operations: a removed event is major, an added one
// minor, and a payload is compared field by field as something the receiver reads.
import { isDeepStrictEqual } from "node:util";
import { dereference } from "./deref.ts";

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked as plain JSON.
type Json = any;

export type Bump = "major" | "minor" | "patch";

export interface SpecChange {
  bump: Bump;
  /** Human-readable, e.g. "GET /clips: removed query parameter `page_size`". */
  message: string;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const TEXT_KEYS = ["summary", "description", "title", "example", "examples", "externalDocs"];
const ORDER: Record<Bump, number> = { major: 0, minor: 1, patch: 2 };

/** The highest bump among `changes`, or undefined when there are none. */
export function highestBump(changes: SpecChange[]): Bump | undefined {
  return [...changes].sort((a, b) => ORDER[a.bump] - ORDER[b.bump])[0]?.bump;
}

/** The higher of two bumps. */
export const maxBump = (a: Bump, b: Bump): Bump => (ORDER[a] <= ORDER[b] ? a : b);

/** Every change from `before` to `after`, most severe first (stable within a level). */
export function diffSpecs(before: Json, after: Json): SpecChange[] {
  const changes: SpecChange[] = [];
  const add = (bump: Bump, message: string) => changes.push({ bump, message });
  const a = dereference(before);
  const b = dereference(after);

  const opsA = operations(a);
  const opsB = operations(b);
  for (const [key, op] of opsA) {
    if (!opsB.has(key)) add("major", `Removed operation ${key}${opName(op)}`);
  }
  for (const [key, op] of opsB) {
    if (!opsA.has(key)) add("minor", `Added operation ${key}${opName(op)}`);
  }
  for (const [key, opA] of opsA) {
    const opB = opsB.get(key);
    if (opB) diffOperation(key, opA, opB, add);
  }

  // OpenAPI 3.1 `webhooks`: requests the vendor sends to the user's receiver.
  const hooksA = webhooks(a);
  const hooksB = webhooks(b);
  for (const key of hooksA.keys()) {
    if (!hooksB.has(key)) add("major", `Removed ${key}`);
  }
  for (const key of hooksB.keys()) {
    if (!hooksA.has(key)) add("minor", `Added ${key}`);
  }
  for (const [key, hookA] of hooksA) {
    const hookB = hooksB.get(key);
    if (hookB) diffOperation(key, hookA, hookB, add, WEBHOOK);
  }

  const schemasA = Object.keys(a.components?.schemas ?? {});
  const schemasB = Object.keys(b.components?.schemas ?? {});
  for (const name of schemasA.filter((n) => !schemasB.includes(n))) {
    add("major", `Removed schema \`${name}\` (components["schemas"]["${name}"])`);
  }
  for (const name of schemasB.filter((n) => !schemasA.includes(n))) {
    add("minor", `Added schema \`${name}\``);
  }

  // Anything else that differs (servers, info, tags, unused components…) is documentation.
  if (changes.length === 0 && !isDeepStrictEqual(before, after)) {
    add("patch", "Updated the spec's metadata (info, servers, tags or unused components)");
  }
  return changes.sort((x, y) => ORDER[x.bump] - ORDER[y.bump]);
}

type Add = (bump: Bump, message: string) => void;

/** `METHOD /path` → operation, with path-level parameters merged in. */
function operations(doc: Json): Map<string, Json> {
  const ops = new Map<string, Json>();
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item?.[method];
      if (!op) continue;
      const params = new Map<string, Json>();
      for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
        params.set(`${p.in}:${p.name}`, p);
      }
      ops.set(`${method.toUpperCase()} ${path}`, { ...op, parameters: [...params.values()] });
    }
  }
  return ops;
}

/** "webhook `recording.completed`" (its method added when not POST) → its operation. */
function webhooks(doc: Json): Map<string, Json> {
  const hooks = new Map<string, Json>();
  for (const [name, item] of Object.entries<Json>(doc.webhooks ?? {})) {
    for (const [key, op] of operations({ paths: { [name]: item } })) {
      const method = key.slice(0, key.indexOf(" "));
      hooks.set(`webhook \`${name}\`${method === "POST" ? "" : ` (${method})`}`, op);
    }
  }
  return hooks;
}

const opName = (op: Json) => (op.operationId ? ` (\`${op.operationId}\`)` : "");

/**
 * Who reads what. In an operation the client sends the request body and reads the responses. A
 * webhook is the other way round: the receiver reads the payload (a field removed from it, or
 * made optional, breaks a receiver; a new one does not) and sends the answer.
 */
interface View {
  body: Direction;
  bodyName: string;
  responses: Direction;
}
const OPERATION: View = { body: "request", bodyName: "request body", responses: "response" };
const WEBHOOK: View = { body: "response", bodyName: "payload", responses: "request" };

function diffOperation(where: string, a: Json, b: Json, add: Add, view = OPERATION): void {
  diffText(where, a, b, add);
  if (!a.deprecated && b.deprecated) add("minor", `${where}: deprecated`);

  const paramsA = new Map<string, Json>(a.parameters.map((p: Json) => [`${p.in}:${p.name}`, p]));
  const paramsB = new Map<string, Json>(b.parameters.map((p: Json) => [`${p.in}:${p.name}`, p]));
  for (const [key, p] of paramsA) {
    if (!paramsB.has(key)) add("major", `${where}: removed ${p.in} parameter \`${p.name}\``);
  }
  for (const [key, p] of paramsB) {
    if (paramsA.has(key)) continue;
    if (p.required) add("major", `${where}: added required ${p.in} parameter \`${p.name}\``);
    else add("minor", `${where}: added optional ${p.in} parameter \`${p.name}\``);
  }
  for (const [key, pa] of paramsA) {
    const pb = paramsB.get(key);
    if (!pb) continue;
    const at = `${where}: ${pa.in} parameter \`${pa.name}\``;
    if (!pa.required && pb.required) add("major", `${at} is now required`);
    if (pa.required && !pb.required) add("minor", `${at} is now optional`);
    if (!pa.deprecated && pb.deprecated) add("minor", `${at} deprecated`);
    diffText(at, pa, pb, add);
    diffSchema(at, pa.schema, pb.schema, "request", add);
  }

  const bodyA = a.requestBody;
  const bodyB = b.requestBody;
  const body = `${where}: ${view.bodyName}`;
  const sent = view.body === "request";
  if (bodyA && !bodyB) add("major", `${where}: removed the ${view.bodyName}`);
  if (!bodyA && bodyB) {
    add(
      sent && bodyB.required ? "major" : "minor",
      `${where}: added a${bodyB.required ? " required" : "n optional"} ${view.bodyName}`,
    );
  }
  if (bodyA && bodyB) {
    if (!bodyA.required && bodyB.required) {
      add(sent ? "major" : "minor", `${where}: the ${view.bodyName} is now required`);
    }
    if (!sent && bodyA.required && !bodyB.required) {
      add("major", `${where}: the ${view.bodyName} is now optional`);
    }
    diffText(body, bodyA, bodyB, add);
    diffContent(body, bodyA.content, bodyB.content, view.body, add);
  }

  const resA = a.responses ?? {};
  const resB = b.responses ?? {};
  for (const status of Object.keys(resA)) {
    if (!(status in resB)) add("major", `${where}: removed response ${status}`);
  }
  for (const status of Object.keys(resB)) {
    if (!(status in resA)) add("minor", `${where}: added response ${status}`);
  }
  for (const status of Object.keys(resA)) {
    if (!(status in resB)) continue;
    const at = `${where}: response ${status}`;
    diffText(at, resA[status], resB[status], add);
    diffContent(at, resA[status].content, resB[status].content, view.responses, add);
  }
}

type Direction = "request" | "response";

function diffContent(where: string, a: Json = {}, b: Json = {}, dir: Direction, add: Add): void {
  for (const type of Object.keys(a)) {
    if (!(type in b)) add("major", `${where}: removed media type ${type}`);
  }
  for (const type of Object.keys(b)) {
    if (!(type in a)) add("minor", `${where}: added media type ${type}`);
  }
  for (const type of Object.keys(a)) {
    if (!(type in b)) continue;
    diffText(`${where} (${type})`, a[type], b[type], add);
    const place = / (body|payload)$/.test(where) ? where : `${where} body`;
    diffSchema(place, a[type].schema, b[type].schema, dir, add);
  }
}

/** Descriptions, summaries, titles and examples: patch-level changes. */
function diffText(where: string, a: Json, b: Json, add: Add): void {
  const changed = TEXT_KEYS.filter((key) => !isDeepStrictEqual(a?.[key], b?.[key]));
  if (changed.length > 0) add("patch", `${where}: updated ${changed.join(", ")}`);
}

const typesOf = (schema: Json): string[] | undefined => {
  if (schema?.type === undefined) return undefined;
  const types: string[] = Array.isArray(schema.type) ? [...schema.type] : [schema.type];
  if (schema.nullable === true) types.push("null");
  // An integer is a number: number → integer narrows, integer → number widens.
  return [...new Set(types)].sort();
};

const covers = (wide: string[], narrow: string[]) =>
  narrow.every((t) => wide.includes(t) || (t === "integer" && wide.includes("number")));

const CONSTRAINTS = [
  "format",
  "pattern",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minItems",
  "maxItems",
  "multipleOf",
  "const",
];

/**
 * Compares two schemas at the same place. `dir` says whether the client sends (request) or
 * reads (response) the value: a field that becomes required is a major change in a request
 * and a minor one in a response; a removed field is major in both (the type loses it).
 */
function diffSchema(
  place: string,
  a: Json,
  b: Json,
  dir: Direction,
  add: Add,
  path = "",
  pairs = new WeakMap<object, WeakSet<object>>(),
): void {
  const where = path ? `${place} field \`${path}\`` : place;
  if (!a || !b || typeof a !== "object" || typeof b !== "object") {
    if (a && !b) add("major", `${where}: removed its schema`);
    if (!a && b) add("minor", `${where}: added a schema`);
    return;
  }
  // Recursive schemas: compare each pair of nodes once.
  const done = pairs.get(a) ?? new WeakSet<object>();
  if (done.has(b)) return;
  done.add(b);
  pairs.set(a, done);
  const recurse = (sub: string, x: Json, y: Json) => diffSchema(place, x, y, dir, add, sub, pairs);
  const child = (name: string) => (path ? `${path}.${name}` : name);

  diffText(where, a, b, add);
  if (!a.deprecated && b.deprecated) add("minor", `${where}: deprecated`);

  const ta = typesOf(a);
  const tb = typesOf(b);
  if (ta && tb && !isDeepStrictEqual(ta, tb)) {
    const change = `type ${ta.join(" | ")} → ${tb.join(" | ")}`;
    if (covers(tb, ta)) add("minor", `${where}: widened ${change}`);
    else add("major", `${where}: ${covers(ta, tb) ? "narrowed" : "changed"} ${change}`);
  } else if (!ta && tb) {
    add("major", `${where}: narrowed to type ${tb.join(" | ")}`);
  } else if (ta && !tb) {
    add("minor", `${where}: widened to any type`);
  }

  const ea: unknown[] | undefined = a.enum;
  const eb: unknown[] | undefined = b.enum;
  if (ea && eb) {
    const removed = ea.filter((v) => !eb.some((w) => isDeepStrictEqual(v, w)));
    const added = eb.filter((v) => !ea.some((w) => isDeepStrictEqual(v, w)));
    if (removed.length) add("major", `${where}: removed enum value${s(removed)} ${list(removed)}`);
    if (added.length) add("minor", `${where}: added enum value${s(added)} ${list(added)}`);
  } else if (!ea && eb) {
    add("major", `${where}: narrowed to enum ${list(eb)}`);
  } else if (ea && !eb) {
    add("minor", `${where}: widened from enum ${list(ea)} to any value`);
  }

  for (const key of CONSTRAINTS) {
    if (isDeepStrictEqual(a[key], b[key])) continue;
    // Constraints limit what a client may send; in a response they only document.
    const bump: Bump =
      dir === "request" && b[key] !== undefined ? "major" : dir === "request" ? "minor" : "patch";
    add(bump, `${where}: ${key} ${show(a[key])} → ${show(b[key])}`);
  }

  const propsA: Json = a.properties ?? {};
  const propsB: Json = b.properties ?? {};
  const reqA: string[] = a.required ?? [];
  const reqB: string[] = b.required ?? [];
  const field = (name: string) => `${place} field \`${child(name)}\``;
  for (const name of Object.keys(propsA)) {
    if (!(name in propsB)) add("major", `${field(name)}: removed`);
  }
  for (const name of Object.keys(propsB)) {
    if (name in propsA) continue;
    if (dir === "request" && reqB.includes(name)) add("major", `${field(name)}: added as required`);
    else add("minor", `${field(name)}: added${reqB.includes(name) ? "" : " (optional)"}`);
  }
  for (const name of Object.keys(propsA)) {
    if (!(name in propsB)) continue;
    const nowRequired = !reqA.includes(name) && reqB.includes(name);
    const nowOptional = reqA.includes(name) && !reqB.includes(name);
    if (nowRequired) add(dir === "request" ? "major" : "minor", `${field(name)}: now required`);
    if (nowOptional) add(dir === "request" ? "minor" : "major", `${field(name)}: now optional`);
    recurse(child(name), propsA[name], propsB[name]);
  }
  // Required names without a property of their own (e.g. inside oneOf branches).
  for (const name of reqB.filter((n) => !reqA.includes(n) && !(n in propsB))) {
    add(dir === "request" ? "major" : "minor", `${field(name)}: now required`);
  }

  if (a.items || b.items) recurse(`${path}[]`, a.items, b.items);
  if (typeof a.additionalProperties === "object" && typeof b.additionalProperties === "object") {
    recurse(`${path}{}`, a.additionalProperties, b.additionalProperties);
  } else if (a.additionalProperties !== false && b.additionalProperties === false) {
    if (dir === "request") add("major", `${where}: no longer accepts additional properties`);
  }

  for (const key of ["oneOf", "anyOf", "allOf"] as const) {
    const la: Json[] = a[key] ?? [];
    const lb: Json[] = b[key] ?? [];
    const narrowing = key === "allOf" ? lb.length > la.length : lb.length < la.length;
    if (la.length !== lb.length) {
      add(
        narrowing ? "major" : "minor",
        `${where}: ${key} has ${lb.length} schemas (was ${la.length})`,
      );
    }
    for (let i = 0; i < Math.min(la.length, lb.length); i++)
      recurse(`${path}(${key}[${i}])`, la[i], lb[i]);
  }
}

const show = (v: unknown) => (v === undefined ? "none" : JSON.stringify(v));
const list = (values: unknown[]) => values.map((v) => `\`${String(v)}\``).join(", ");
const s = (values: unknown[]) => (values.length === 1 ? "" : "s");
