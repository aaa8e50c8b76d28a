// Property-based fuzzing of a client against Prism, driven by the package's generated limits:
// every generated input either becomes requests that Prism's validator accepts, with every
// path parameter inside its own segment, or a ClipKitValidationError with no request sent.
import { ClipKitValidationError } from "@clipkit/core";
import type { OperationSchema, RequestSchemas, Schema } from "@clipkit/core/internal";
import { strictFetch } from "@clipkit/testing";
import fc from "fast-check";

/** The raw openapi-fetch methods, called loosely: the fuzzer sends what the types forbid. */
type LooseClient = Record<string, (path: string, init: object) => Promise<unknown>>;

export interface FuzzOptions {
  schemas: RequestSchemas;
  /** A client of the API, with no retries, whose every request goes through `fetch`. */
  client: (fetch: typeof globalThis.fetch) => unknown;
  /** The client's base URL (Prism's, plus any path prefix). */
  baseUrl: string;
  runs: number;
  seed: number;
  /**
   * How the client writes one path value into its segment, when not plain percent-encoding
   * (Zoom double-encodes meeting UUIDs that start with `/` or hold `//`).
   */
  encodeSegment?: (name: string, value: unknown) => string;
}

export interface FuzzInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
}

export interface FuzzReport {
  operation: string;
  runs: number;
  /** Inputs that became requests Prism accepted. */
  sent: number;
  /** Inputs refused with a ClipKitValidationError and nothing sent. */
  refused: number;
}

/** Why an operation is not fuzzed, or `undefined` when it is. */
export function fuzzSkipReason(op: OperationSchema): string | undefined {
  if (op.body && !op.body.contentType.includes("json")) {
    return `a ${op.body.contentType} body: Prism validates multipart unreliably (its issue #2008)`;
  }
  return undefined;
}

// The hostile alphabet of issue 12: dots, separators, escapes, Unicode, lone surrogates.
const hostileChar = fc.constantFrom(
  ...[".", "/", "%", "?", "#", "\\", ";", "&", "=", "+", " ", "2", "e", "E", "a"],
  ...["é", "📎", "\u2024", "\uFF0E", "\uD800", "\uDC00", "\u0000", "\n"],
);
const hostileString = fc.oneof(
  fc.constantFrom("", ".", "..", "%2e", "%2E%2e", ".%2E", "%252e%252e", "..;", "\uFF0E\uFF0E"),
  fc.string({ unit: hostileChar, maxLength: 12 }),
  // Very long, but short enough (≤ ~7 kB encoded) for Prism's HTTP server to read the URL.
  fc
    .tuple(hostileChar, fc.integer({ min: 200, max: 500 }))
    .map(([char, n]) => `x${char.repeat(n)}`),
);

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const someDate = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2030-12-31T00:00:00Z"),
  noInvalidDate: true,
});

const invalidScalar = fc.oneof(
  fc.string({ unit: hostileChar, maxLength: 8 }),
  fc.integer({ min: -1e10, max: 1e10 }),
  fc.double(),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constantFrom("", "not-a-date", "2024-02-30", "NaN", "1e3", "-1", "0", "01", " 1", null),
);

function stringFor(schema: Exclude<Schema, boolean>): fc.Arbitrary<string> {
  if (schema.format === "date") return someDate.map(isoDay);
  if (schema.format === "date-time") {
    return someDate.map((d) => d.toISOString().replace(/\.\d{3}Z$/, "Z"));
  }
  if (schema.format === "email") return fc.nat(999).map((n) => `user${n}@example.com`);
  if (schema.format === "uri") return fc.nat(999).map((n) => `https://example.com/${n}`);
  if (schema.pattern !== undefined) return fc.stringMatching(new RegExp(schema.pattern, "u"));
  const minLength = schema.minLength ?? 0;
  return fc.string({
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 16, 16)),
    unit: "grapheme",
  });
}

/** Values `schema` accepts (within reason: bounded lengths and sizes). */
export function validFor(schema: Schema): fc.Arbitrary<unknown> {
  if (schema === true) return fc.constant("anything");
  if (schema === false) return fc.constant(undefined);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.oneOf) return fc.oneof(...schema.oneOf.map(validFor));
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(validFor));
  const types = typeof schema.type === "string" ? [schema.type] : (schema.type ?? []);
  const type = types.find((t) => t !== "null") ?? "string";
  switch (type) {
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9 });
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "boolean":
      return fc.boolean();
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? 4, 4));
      return fc.array(validFor(schema.items ?? true), { minLength, maxLength });
    }
    case "object": {
      const properties = Object.entries(schema.properties ?? {}).filter(([, s]) => s !== false);
      const record = fc.record(
        Object.fromEntries(properties.map(([name, s]) => [name, validFor(s)])),
        { requiredKeys: (schema.required ?? []) as string[] },
      );
      const min = schema.minProperties ?? 0;
      return record.filter((value) => Object.keys(value).length >= min);
    }
    default:
      return stringFor(schema);
  }
}

/** Mostly valid values, sometimes one that breaks the schema somewhere. */
function mixedFor(schema: Schema): fc.Arbitrary<unknown> {
  const broken = fc.tuple(validFor(schema), fc.nat(), invalidScalar).map(([value, i, bad]) => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return bad;
    const keys = Object.keys(value);
    if (keys.length === 0) return bad;
    const copy: Record<string, unknown> = { ...value };
    const key = keys[i % keys.length] as string;
    if (i % 3 === 0) delete copy[key];
    else copy[key] = bad;
    return copy;
  });
  return fc.oneof(
    { arbitrary: validFor(schema), weight: 8 },
    { arbitrary: broken, weight: 1 },
    { arbitrary: fc.anything({ maxDepth: 1 }), weight: 1 },
  );
}

/** Inputs for one operation: path values from the hostile alphabet or valid, query and body mixed. */
export function inputsFor(op: OperationSchema): fc.Arbitrary<FuzzInput> {
  const path = fc.record(
    Object.fromEntries(
      Object.entries(op.path).map(([name, p]) => [
        name,
        fc.oneof({ arbitrary: validFor(p.schema), weight: 2 }, hostileString),
      ]),
    ),
  );
  const query = fc.record(
    Object.fromEntries(Object.entries(op.query).map(([name, p]) => [name, mixedFor(p.schema)])),
    { requiredKeys: [] },
  );
  const body =
    op.body === undefined
      ? fc.constant(undefined)
      : fc.option(mixedFor(op.body.schema), { nil: undefined, freq: 8 });
  return fc.record({ path, query, body }, { requiredKeys: ["path", "query"] });
}

/** The URL path the input must be sent to: each path value percent-encoded in its own segment. */
export function expectedPath(
  template: string,
  values: Record<string, unknown>,
  encode: (name: string, value: unknown) => string = (_, value) =>
    encodeURIComponent(String(value)),
): string {
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => encode(name, values[name]));
}

const describeInput = (input: FuzzInput) =>
  JSON.stringify(input, (_, v) =>
    typeof v === "string" && v.length > 80 ? `${v.slice(0, 77)}…` : v,
  );

/** Runs the property for one operation (`"<METHOD> <path>"`) and counts what happened. */
export async function fuzzOperation(operation: string, options: FuzzOptions): Promise<FuzzReport> {
  const op = options.schemas[operation];
  if (!op) throw new Error(`No operation ${operation} in the schemas`);
  const [method, template] = operation.split(" ") as [string, string];
  const basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, "");
  const report: FuzzReport = { operation, runs: 0, sent: 0, refused: 0 };
  const property = fc.asyncProperty(inputsFor(op), async (input) => {
    report.runs++;
    const sent: Request[] = [];
    const forward = strictFetch((request) => globalThis.fetch(request as Request));
    const fetch: typeof globalThis.fetch = async (resource, init) => {
      // Manual redirects: a documented 302 must not lead the fuzzer off to the internet.
      const request = new Request(new Request(resource, init), { redirect: "manual" });
      sent.push(request);
      return forward(request);
    };
    const client = options.client(fetch) as LooseClient;
    const call = client[method] as LooseClient[string];
    let failure: unknown;
    try {
      await call(template, {
        // Text: the property is about what is sent, not how a mock answer parses.
        parseAs: "text",
        params: { path: input.path, query: input.query },
        ...(input.body !== undefined ? { body: input.body } : {}),
      });
    } catch (error) {
      failure = error;
    }
    const seen = `${operation} with ${describeInput(input)}`;
    if (failure instanceof ClipKitValidationError) {
      if (sent.length > 0)
        throw new Error(`${seen}: refused after sending ${sent.length} request(s)`);
      report.refused++;
      return;
    }
    if (failure !== undefined) {
      const error = failure as Error;
      throw new Error(`${seen}: threw ${error?.name}: ${error?.message}`, { cause: failure });
    }
    if (sent.length === 0) throw new Error(`${seen}: neither sent nor refused`);
    const want = basePath + expectedPath(template, input.path, options.encodeSegment);
    for (const request of sent) {
      const got = new URL(request.url).pathname;
      if (got !== want) throw new Error(`${seen}: sent to ${got}, expected ${want}`);
    }
    report.sent++;
  });
  await fc.assert(property, { numRuns: options.runs, seed: options.seed, endOnFailure: true });
  return report;
}
