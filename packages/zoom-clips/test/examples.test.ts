import { Ajv2020 } from "ajv/dist/2020.js";
import formatsModule from "ajv-formats";
import { describe, expect, it } from "vitest";
import { type Json, spec } from "./spec.js";

// ajv-formats is CommonJS: under NodeNext its default import is the module object.
const addFormats = formatsModule as unknown as typeof formatsModule.default;

const SPEC_ID = "https://clipkit.dev/specs/zoom-clips.yaml";

/** The spec with every local `$ref` made absolute, so any pointer into it compiles. */
function absoluteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(absoluteRefs);
  if (node && typeof node === "object") {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [
        key,
        key === "$ref" && typeof value === "string" && value.startsWith("#/")
          ? `${SPEC_ID}#/$defs/spec/${value.slice(2)}`
          : absoluteRefs(value),
      ]),
    );
  }
  return node;
}

// Strict: an OpenAPI-only keyword inside a schema (e.g. `nullable`) fails the test.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictRequired: false,
  validateFormats: true,
});
addFormats(ajv);
ajv.addVocabulary(["example"]);
ajv.addSchema({ $id: SPEC_ID, $defs: { spec: absoluteRefs(spec) } });

const escapeKey = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const pointer = (parts: string[]) => `/$defs/spec/${parts.map(escapeKey).join("/")}`;

function validatorAt(parts: string[]) {
  return ajv.compile({ $ref: `${SPEC_ID}#${pointer(parts)}` });
}

/** An example value and the place in the spec whose schema it must match. */
interface Example {
  where: string;
  schemaAt: string[];
  value: Json;
}

const derefExample = (example: Json): Json => {
  if (example?.$ref) {
    const name = (example.$ref as string).split("/").pop() as string;
    return spec.components.examples[name];
  }
  return example;
};

/** Every example in the spec: media types, parameters, headers and schemas. */
function collectExamples(): Example[] {
  const found: Example[] = [];
  const visit = (node: Json, at: string[]) => {
    if (Array.isArray(node)) {
      node.forEach((child, index) => {
        visit(child, [...at, String(index)]);
      });
      return;
    }
    if (!node || typeof node !== "object") return;
    const hasSchema = node.schema && typeof node.schema === "object";
    // Media types, parameters and headers: `example` / `examples` beside a `schema`.
    if (hasSchema) {
      if ("example" in node)
        found.push({ where: at.join(" "), schemaAt: [...at, "schema"], value: node.example });
      for (const [name, example] of Object.entries((node.examples ?? {}) as Record<string, Json>)) {
        found.push({
          where: `${at.join(" ")} examples.${name}`,
          schemaAt: [...at, "schema"],
          value: derefExample(example).value,
        });
      }
    }
    // Schemas: the JSON Schema `examples` list (and OpenAPI's `example`).
    const isSchema = at.includes("schemas") || at.at(-1) === "schema" || at.includes("properties");
    if (isSchema && !hasSchema && (node.type || node.properties || node.enum)) {
      if (Array.isArray(node.examples)) {
        node.examples.forEach((value: Json, index: number) => {
          found.push({ where: `${at.join(" ")} examples[${index}]`, schemaAt: at, value });
        });
      }
      if ("example" in node)
        found.push({ where: `${at.join(" ")} example`, schemaAt: at, value: node.example });
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === "examples" || key === "example") continue;
      visit(child, [...at, key]);
    }
  };
  visit(spec.paths, ["paths"]);
  visit(spec.components, ["components"]);
  return found;
}

const examples = collectExamples();

describe("every example in specs/zoom-clips.yaml matches its schema (ajv 2020 + formats)", () => {
  it("finds the examples of every kind", () => {
    const kinds = {
      media: examples.filter((e) => e.where.includes("content")).length,
      parameters: examples.filter((e) => e.where.includes("parameters")).length,
      headers: examples.filter((e) => e.where.includes("headers")).length,
      schemas: examples.filter((e) => e.where.startsWith("components schemas")).length,
    };
    expect(kinds.media).toBeGreaterThanOrEqual(30);
    expect(kinds.parameters).toBeGreaterThanOrEqual(15);
    expect(kinds.headers).toBeGreaterThanOrEqual(2);
    expect(kinds.schemas).toBeGreaterThanOrEqual(2);
  });

  it.each(examples.map((e) => [e.where, e] as const))("%s", (_, { schemaAt, value }) => {
    const validate = validatorAt(schemaAt);
    expect(validate(value), ajv.errorsText(validate.errors)).toBe(true);
  });
});

const requestSchema = (path: string, method: string, type = "application/json") => [
  "paths",
  path,
  method,
  "requestBody",
  "content",
  type,
  "schema",
];

const partial = {
  source_owner_user_id: "u1",
  target_owner_user_id: "u2",
  transfer_type: "PARTIAL_TRANSFER",
};
const context = "noNpr2pkBEv4";

const invalid: Array<{ given: string; schemaAt: string[]; value: Json }> = [
  {
    given: "an update with 11 tags",
    schemaAt: requestSchema("/clips/{clipId}", "patch"),
    value: { tags: Array(11).fill("t") },
  },
  { given: "an empty update", schemaAt: requestSchema("/clips/{clipId}", "patch"), value: {} },
  {
    given: "a transfer of 51 clips",
    schemaAt: requestSchema("/clips/transfers", "post"),
    value: { ...partial, clip_id_list: Array.from({ length: 51 }, (_, i) => `c${i}`) },
  },
  {
    given: "a transfer with an empty clip list",
    schemaAt: requestSchema("/clips/transfers", "post"),
    value: { ...partial, clip_id_list: [] },
  },
  {
    given: "a transfer of an unknown type",
    schemaAt: requestSchema("/clips/transfers", "post"),
    value: { ...partial, transfer_type: "HALF_TRANSFER" },
  },
  {
    given: "a transfer without a target",
    schemaAt: requestSchema("/clips/transfers", "post"),
    value: { source_owner_user_id: "u1", transfer_type: "FULL_TRANSFER" },
  },
  {
    given: "part number 101",
    schemaAt: requestSchema("/clips/files/multipart", "post", "multipart/form-data"),
    value: { file: "AAAA", part_number: 101, upload_context: context },
  },
  {
    given: "part number 0",
    schemaAt: requestSchema("/clips/files/multipart", "post", "multipart/form-data"),
    value: { file: "AAAA", part_number: 0, upload_context: context },
  },
  {
    given: "an upload without a file",
    schemaAt: requestSchema("/clips/files", "post", "multipart/form-data"),
    value: {},
  },
  {
    given: "an upload event without a method (ambiguous)",
    schemaAt: requestSchema("/clips/files/multipart/upload_events", "post"),
    value: { params: { file_name: "a.mp4" } },
  },
  {
    given: "a complete event without its upload context and etags",
    schemaAt: requestSchema("/clips/files/multipart/upload_events", "post"),
    value: { method: "CompleteMultipartUpload" },
  },
  {
    given: "an upload event with an unknown method",
    schemaAt: requestSchema("/clips/files/multipart/upload_events", "post"),
    value: { method: "AbortMultipartUpload", params: { upload_context: context } },
  },
  {
    given: "a complete event with 101 parts",
    schemaAt: requestSchema("/clips/files/multipart/upload_events", "post"),
    value: {
      method: "CompleteMultipartUpload",
      params: {
        upload_context: context,
        part_number_etags: Array.from({ length: 101 }, (_, i) => ({
          part_number: (i % 100) + 1,
          etag: "e",
        })),
      },
    },
  },
  {
    given: "a clip with an unknown status",
    schemaAt: ["components", "schemas", "Clip"],
    value: { status: "RECORDING" },
  },
  {
    given: "a clip with a date that is not a date-time",
    schemaAt: ["components", "schemas", "Clip"],
    value: { created_date: "yesterday" },
  },
  {
    given: "a share link setting out of its enum",
    schemaAt: ["components", "schemas", "ShareLinkSettings"],
    value: { share_scope: "SAME_ORGANIZATION" },
  },
  {
    given: "a task with an unknown status",
    schemaAt: ["components", "schemas", "TransferTask"],
    value: { ...partial, status: "DONE" },
  },
  {
    given: "an error body without a code",
    schemaAt: ["components", "schemas", "ZoomError"],
    value: { message: "x" },
  },
  {
    given: "a page size of 301 on the clip list",
    schemaAt: ["components", "parameters", "ClipsPageSizeQuery", "schema"],
    value: 301,
  },
  {
    given: "a page size of 29 on the clip list (the published minimum is 30)",
    schemaAt: ["components", "parameters", "ClipsPageSizeQuery", "schema"],
    value: 29,
  },
  {
    given: "a comments page size of 0",
    schemaAt: ["paths", "/clips/{clipId}/comments", "get", "parameters", "0", "schema"],
    value: 0,
  },
  {
    given: "a comments page size that is not digits",
    schemaAt: ["paths", "/clips/{clipId}/comments", "get", "parameters", "0", "schema"],
    value: "15 ",
  },
];

describe("the schemas reject what the API rejects", () => {
  it.each(invalid)("$given", ({ schemaAt, value }) => {
    const validate = validatorAt(schemaAt);
    expect(validate(value)).toBe(false);
  });
});
