import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Json, operations, spec } from "./spec.js";

const repoRoot = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../..");
// The vendor documents live in the repo, next to the specs (specs/sources/README.md).
const seedsDir = resolve(repoRoot, "specs/sources");
const SEEDS = ["000_", "001_"];

interface SeedOperation {
  seed: string;
  method: string;
  path: string;
  statuses: number[];
  errorCodes: number[];
}

const OPERATION =
  /Method:\**\s*`?(GET|POST|PUT|PATCH|DELETE)`?\s*-?\s*\**Path:\**\s*`?(\/[^\s`]*)`?/g;

/** Reads the operations (method, path, statuses, error codes) out of one seed document. */
export function extractOperations(seed: string, text: string): SeedOperation[] {
  const matches = [...text.matchAll(OPERATION)];
  return matches.map((match, index) => {
    const section = text.slice(match.index, matches[index + 1]?.index ?? text.length);
    return {
      seed,
      method: match[1] as string,
      path: match[2] as string,
      statuses: [...section.matchAll(/Status:\s*(\d{3})\b/g)].map((m) => Number(m[1])),
      // "**Error Code:** `300`", and the same with Markdown escapes (\*\*Error Code:\*\* \`300\`).
      errorCodes: [...section.matchAll(/Error Code:[\\*\s]*[\\`]*(\d+)/g)].map((m) => Number(m[1])),
    };
  });
}

/** Parameter names the seeds mention: path template variables, and "`user_id` can intake …". */
export function extractParameters(text: string): string[] {
  const inPaths = [...text.matchAll(/\/[\w/{}]*\{(\w+)\}/g)].map((m) => m[1] as string);
  const inNotes = [...text.matchAll(/`?\b([a-z]+(?:_[a-z]+)+)`? can intake/g)].map(
    (m) => m[1] as string,
  );
  return [...new Set([...inPaths, ...inNotes])];
}

/** Request body fields the seeds mark `(required)` before a `Responses` heading. */
export function extractRequiredRequestFields(seedOps: string[]): string[] {
  return seedOps.flatMap((section) => {
    const request = section.split(/Responses/)[0] ?? "";
    return [...request.matchAll(/(?:^|\n)-?\s*\**`?(\w+)`?\**\s*\(required\)/g)].map(
      (m) => m[1] as string,
    );
  });
}

const seedFiles = readdirSync(seedsDir).filter((name) =>
  SEEDS.some((prefix) => name.startsWith(prefix)),
);
const texts = seedFiles.map((name) => ({
  name,
  text: readFileSync(resolve(seedsDir, name), "utf8"),
}));
const seedOperations = texts.flatMap(({ name, text }) => extractOperations(name, text));
const seedParameters = [...new Set(texts.flatMap(({ text }) => extractParameters(text)))];
const seedErrorCodes = [...new Set(seedOperations.flatMap((op) => op.errorCodes))].sort(
  (a, b) => a - b,
);

const specOperations = operations();
const specParameterNames = new Set(
  specOperations.flatMap((op) => op.parameters.map((p: Json) => p.name as string)),
);

/** Every `code` of every error example in the spec. */
function specErrorCodes(): Set<number> {
  const codes = new Set<number>();
  const visit = (node: Json) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      if (typeof node.value?.code === "number") codes.add(node.value.code);
      Object.values(node).forEach(visit);
    }
  };
  visit(spec);
  return codes;
}

const coverage = JSON.parse(
  readFileSync(resolve(repoRoot, "specs/zoom-clips.seed-coverage.json"), "utf8"),
) as {
  operations: Array<[string, string]>;
  parameters: string[];
  errorCodes: number[];
};

describe("the seed documents are fully covered by specs/zoom-clips.yaml", () => {
  it("reads both seeds and finds what specs/zoom-clips.seed-coverage.json lists (the extractor works)", () => {
    expect(seedFiles).toHaveLength(2);
    expect(seedOperations.length).toBeGreaterThanOrEqual(15);
    expect(seedOperations.map((op) => [op.method, op.path]).sort()).toEqual(
      [...coverage.operations].sort(),
    );
    expect(seedErrorCodes).toEqual([...coverage.errorCodes].sort((a, b) => a - b));
    expect(seedParameters.length).toBeGreaterThanOrEqual(5);
    for (const name of seedParameters) expect(coverage.parameters, name).toContain(name);
  });

  it.each(seedOperations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    "%s is in the spec with every documented status",
    (_, seedOp) => {
      const specOp = specOperations.find(
        (op) => op.method === seedOp.method && op.path === seedOp.path,
      );
      expect(specOp, `${seedOp.method} ${seedOp.path} from ${seedOp.seed}`).toBeDefined();
      const statuses = Object.keys(specOp?.op.responses ?? {}).map(Number);
      for (const status of seedOp.statuses) expect(statuses, `status ${status}`).toContain(status);
    },
  );

  it.each(seedParameters)("parameter %s is declared", (name) => {
    expect([...specParameterNames]).toContain(name);
  });

  it.each(coverage.parameters)("parameter %s of seed-coverage.json is declared", (name) => {
    expect([...specParameterNames]).toContain(name);
  });

  it.each(seedErrorCodes)("error code %i has an example", (code) => {
    expect([...specErrorCodes()]).toContain(code);
  });

  it("each operation's error codes sit on that operation", () => {
    for (const seedOp of seedOperations) {
      const specOp = specOperations.find(
        (op) => op.method === seedOp.method && op.path === seedOp.path,
      );
      const own = new Set<number>();
      for (const response of Object.values((specOp?.op.responses ?? {}) as Record<string, Json>)) {
        const resolved = response.$ref
          ? spec.components.responses[response.$ref.split("/").pop()]
          : response;
        for (const example of Object.values(
          (resolved.content?.["application/json"]?.examples ?? {}) as Record<string, Json>,
        )) {
          if (typeof example.value?.code === "number") own.add(example.value.code);
        }
      }
      for (const code of seedOp.errorCodes)
        expect([...own], `${seedOp.method} ${seedOp.path} code ${code}`).toContain(code);
    }
  });

  it("each seed's required request fields are required in the spec's request schema", () => {
    const sections = texts.flatMap(({ text }) => {
      const matches = [...text.matchAll(OPERATION)];
      return matches.map((match, index) => ({
        method: match[1] as string,
        path: match[2] as string,
        section: text.slice(match.index, matches[index + 1]?.index ?? text.length),
      }));
    });
    let checked = 0;
    for (const { method, path, section } of sections) {
      const fields = extractRequiredRequestFields([section]);
      if (fields.length === 0) continue;
      const specOp = specOperations.find((op) => op.method === method && op.path === path);
      const content = specOp?.op.requestBody?.content ?? {};
      const schema = Object.values(content as Record<string, Json>)[0]?.schema;
      const branches: Json[] = (schema?.oneOf ?? [schema]).map((s: Json) =>
        s.$ref ? spec.components.schemas[s.$ref.split("/").pop()] : s,
      );
      const required = new Set(branches.flatMap((branch) => branch.required ?? []));
      for (const field of fields)
        expect([...required], `${method} ${path} ${field}`).toContain(field);
      checked += fields.length;
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });
});
