// Traceability: the endpoints and the properties seed 004 lists (in its endpoint tables and
// its "Property | Data Type | Description" tables) are extracted from its text and must all
// be in specs/uplynk-clipping.yaml.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const seed = readFileSync(
  new URL("../../../specs/sources/004_ba12aa31a1c9f14e.txt", import.meta.url),
  "utf8",
);
// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data.
const spec: any = parse(
  readFileSync(new URL("../../../specs/uplynk-clipping.yaml", import.meta.url), "utf8"),
);

const unique = (values: string[]) => [...new Set(values)];

const endpoints = unique(
  [
    ...seed.matchAll(/^(GET|POST|DELETE|PATCH|PUT) (\/[^\s?]*?)(\/(?:Draft )?Clip ID)?(?:\?|$)/gm),
  ].map(([, method, path, id]) => `${method} ${path}${id ? "/{id}" : ""}`),
);
const queryParameters = unique(
  [...seed.matchAll(/^GET \/[^\s?]+\?([a-z_]+)=/gm)].map((m) => m[1] ?? ""),
);
const properties = unique(
  [...seed.matchAll(/^([@a-z_]+)(?: Required)? \|$/gm)].map((m) => m[1] ?? ""),
);

/** Every property name any schema of the spec declares, looking through oneOf branches. */
function declaredProperties(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) declaredProperties(item, into);
  else if (node && typeof node === "object") {
    const { properties } = node as { properties?: Record<string, unknown> };
    if (properties) for (const name of Object.keys(properties)) into.add(name);
    for (const value of Object.values(node)) declaredProperties(value, into);
  }
  return into;
}
const declared = declaredProperties(spec.components.schemas);

describe("the spec covers seed 004", () => {
  it("extracts the seed's endpoints and properties (the extractor works)", () => {
    expect(endpoints).toHaveLength(6);
    expect(properties.length).toBeGreaterThanOrEqual(20);
  });

  it.each(endpoints)("has %s", (endpoint) => {
    const [method, path] = endpoint.split(" ") as [string, string];
    expect(spec.paths[path]?.[method.toLowerCase()]).toBeDefined();
  });

  it.each(queryParameters)("GET /clip/draft_info takes the %s query parameter", (name) => {
    const parameters = spec.paths["/clip/draft_info"].get.parameters as Array<{
      name?: string;
      $ref?: string;
    }>;
    const names = parameters.map(
      (p) => p.name ?? spec.components.parameters[p.$ref?.split("/").pop() ?? ""]?.name,
    );
    expect(names).toContain(name);
  });

  it.each(properties)("declares property %s in a schema", (name) => {
    expect(declared.has(name)).toBe(true);
  });

  it("makes beam required in every create-body branch, as the seed marks it", () => {
    const body = spec.paths["/clipping_draft"].post.requestBody.content["application/json"].schema;
    const schema = body.$ref ? spec.components.schemas[body.$ref.split("/").pop()] : body;
    const branches = (schema.oneOf ?? [schema]).map((b: { $ref?: string }) =>
      b.$ref ? spec.components.schemas[b.$ref.split("/").pop() as string] : b,
    );
    expect(branches.length).toBeGreaterThan(1);
    for (const branch of branches) expect(branch.required).toContain("beam");
  });
});
