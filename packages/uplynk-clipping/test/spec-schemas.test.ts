// Every example in the spec must satisfy its own schema, and the create-body schema must
// accept exactly the four documented start/stop combinations: a wrong schema fails here.
import { ClipKitValidationError } from "@clipkit/core";
import { Ajv2020 } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { validateDraftClipInput } from "../src/index.js";
import { spec } from "./spec-examples.js";

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = formatsModule.default;
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
// The spec's refs point at #/components/schemas/…; serve those schemas as $defs of one document.
ajv.addSchema(
  JSON.parse(
    JSON.stringify({ $id: "uplynk", $defs: spec.components.schemas }).replaceAll(
      "#/components/schemas/",
      "uplynk#/$defs/",
    ),
  ),
);

// biome-ignore lint/suspicious/noExplicitAny: plain spec data.
type Node = any;

const resolve = (node: Node): Node => {
  if (!node?.$ref) return node;
  const [, , section, name] = node.$ref.split("/");
  return spec.components[section][name];
};

function validator(schema: Node) {
  const text = JSON.stringify(schema).replaceAll("#/components/schemas/", "uplynk#/$defs/");
  return ajv.compile(JSON.parse(text));
}

interface ExampleCase {
  where: string;
  schema: Node;
  value: unknown;
}

/** Request, response and parameter examples, and the `examples` of every component schema. */
function allExamples(): ExampleCase[] {
  const found: ExampleCase[] = [];
  for (const [path, item] of Object.entries<Node>(spec.paths)) {
    const params = [...(item.parameters ?? [])];
    for (const method of ["get", "post", "delete"] as const) {
      const op = item[method];
      if (!op) continue;
      for (const param of [...params, ...(op.parameters ?? [])].map(resolve)) {
        if (param.example !== undefined) {
          found.push({
            where: `${method} ${path} parameter ${param.name}`,
            schema: param.schema,
            value: param.example,
          });
        }
      }
      const body = op.requestBody?.content?.["application/json"];
      for (const [name, ex] of Object.entries<Node>(body?.examples ?? {})) {
        found.push({
          where: `${method} ${path} request ${name}`,
          schema: body.schema,
          value: ex.value,
        });
      }
      for (const [status, response] of Object.entries<Node>(op.responses)) {
        const media = resolve(response).content?.["application/json"];
        for (const [name, ex] of Object.entries<Node>(media?.examples ?? {})) {
          found.push({
            where: `${method} ${path} ${status} ${name}`,
            schema: media.schema,
            value: ex.value,
          });
        }
      }
    }
  }
  const walk = (where: string, schema: Node) => {
    if (typeof schema !== "object" || schema === null) return;
    for (const [i, value] of (Array.isArray(schema.examples) ? schema.examples : []).entries()) {
      found.push({ where: `${where} examples[${i}]`, schema, value });
    }
    for (const [key, child] of Object.entries<Node>(schema.properties ?? {}))
      walk(`${where}.${key}`, child);
  };
  for (const [name, schema] of Object.entries<Node>(spec.components.schemas)) walk(name, schema);
  return found;
}

const examples = allExamples();

describe("the spec's examples", () => {
  it("are all found (request, response, parameter and schema examples)", () => {
    const kinds = (word: string) => examples.filter((e) => e.where.includes(word)).length;
    expect(kinds(" request ")).toBe(4);
    expect(kinds(" parameter ")).toBe(4);
    expect(kinds(" 200 ")).toBe(6);
    expect(examples.length).toBeGreaterThan(45);
  });

  it.each(examples)("$where matches its schema", ({ schema, value }) => {
    const validate = validator(schema);
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
  });
});

const createBody = ajv.getSchema("uplynk#/$defs/CreateDraftClipRequest");
if (!createBody) throw new Error("CreateDraftClipRequest is missing from the spec");

const beam = "0123456789abcdefghijklmnopqrstuv";
const T0 = "2024-01-03T17:52:29Z";
const T1 = "2024-01-03T17:52:39Z";

// `schema`: does the spec's schema accept it; `client`: does validateDraftClipInput accept it
// (the client also checks what a schema cannot: the start before the stop).
const bodies: Array<{ given: Record<string, unknown>; schema: boolean; client: boolean }> = [
  { given: { beam, start: 120000, stop: 130000 }, schema: true, client: true },
  { given: { beam, start: 0, duration: 1 }, schema: true, client: true },
  { given: { beam, start_time: T0, stop_time: T1 }, schema: true, client: true },
  {
    given: { beam, start_time: T0, duration: 10, title: "t", profile: "p", meta: { Sport: "x" } },
    schema: true,
    client: true,
  },
  { given: { beam, start: 120000, stop_time: T1 }, schema: false, client: false },
  { given: { beam, start_time: T0, stop: 130000 }, schema: false, client: false },
  { given: { beam, start: 1, start_time: T0, stop: 2 }, schema: false, client: false },
  { given: { beam, start: 1, stop: 2, duration: 3 }, schema: false, client: false },
  { given: { beam, start_time: T0, stop_time: T1, duration: 3 }, schema: false, client: false },
  { given: { beam, start: 1 }, schema: false, client: false },
  { given: { beam, stop: 2 }, schema: false, client: false },
  { given: { beam, duration: 2 }, schema: false, client: false },
  { given: { start: 1, stop: 2 }, schema: false, client: false },
  { given: { beam: "", start: 1, stop: 2 }, schema: false, client: false },
  { given: { beam, start: -1, stop: 2 }, schema: false, client: false },
  { given: { beam, start: 1.5, stop: 2 }, schema: false, client: false },
  { given: { beam, start: "1", stop: 2 }, schema: false, client: false },
  { given: { beam, start: 0, duration: 0 }, schema: false, client: false },
  { given: { beam, start: 0, duration: 2.5 }, schema: false, client: false },
  {
    given: { beam, start_time: "2024-01-03T17:52:29.000Z", duration: 1 },
    schema: false,
    client: false,
  },
  {
    given: { beam, start_time: "2024-01-03 17:52:29Z", duration: 1 },
    schema: false,
    client: false,
  },
  {
    given: { beam, start_time: "2024-01-03T17:52:29+01:00", duration: 1 },
    schema: false,
    client: false,
  },
  {
    given: { beam, start_time: "2024-02-30T17:52:29Z", duration: 1 },
    schema: false,
    client: false,
  },
  { given: { beam, start: 0, stop: 1, meta: { n: 1 } }, schema: false, client: false },
  // The schema cannot compare two fields; the client refuses an empty or reversed window.
  { given: { beam, start: 130000, stop: 120000 }, schema: true, client: false },
  { given: { beam, start: 5, stop: 5 }, schema: true, client: false },
  { given: { beam, start_time: T1, stop_time: T0 }, schema: true, client: false },
];

describe("create bodies", () => {
  const table = bodies.map((row) => ({
    ...row,
    name: JSON.stringify(row.given).replace(`"${beam}"`, "…"),
  }));
  it.each(table)("schema $schema, client $client: $name", ({ given, schema, client }) => {
    expect(createBody(given), ajv.errorsText(createBody.errors)).toBe(schema);
    if (client) {
      expect(() => validateDraftClipInput(given)).not.toThrow();
    } else {
      expect(() => validateDraftClipInput(given)).toThrow(ClipKitValidationError);
    }
  });
});
