// Traceability: what the vendor's documents (specs/sources/002_…, 003_…) say about
// GET /users/{userId}/recordings is extracted from their text and must all be in the spec.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const seed = (name: string) =>
  readFileSync(new URL(`../../../specs/sources/${name}`, import.meta.url), "utf8");
const goSample = seed("002_8700fa4883662a81.txt");
const collection = seed("003_b86448af0866aaf4.txt");
const seeds = goSample + collection;

// biome-ignore lint/suspicious/noExplicitAny: the spec is read as plain data.
const spec: any = parse(
  readFileSync(new URL("../../../specs/zoom-cloud-recording.yaml", import.meta.url), "utf8"),
);
const operation = spec.paths["/users/{userId}/recordings"].get;
const schemas = spec.components.schemas;
const all = (re: RegExp, text = seeds): string[] => [
  ...new Set([...text.matchAll(re)].map((m) => m[1] ?? "")),
];

describe("the spec covers seeds 002 and 003", () => {
  it("has the operation of the seeds' request line", () => {
    expect(collection).toMatch(/^GET \{\{baseUrl\}\}\/users\/:userId\/recordings\?/);
    expect(operation).toBeDefined();
  });

  const queryNames = all(/[?&]([a-z_]+)=/g, collection.split("\n")[0]);
  it("extracts every query parameter of the request line", () => {
    expect(queryNames.length).toBe(8);
  });
  it.each(queryNames)("declares query parameter %s", (name) => {
    const parameter = operation.parameters.find((p: { name: string }) => p.name === name);
    expect(parameter?.in).toBe("query");
  });
  it("declares the path variable userId", () => {
    expect(operation.parameters.find((p: { name: string }) => p.name === "userId")?.in).toBe(
      "path",
    );
  });

  // [field, value pattern]: a recording's `status` is lowercase; Postman's "status": "OK" is not one.
  const enums: Array<[string, string]> = [
    ["file_type", "[A-Z0-9_]+"],
    ["file_extension", "[A-Z0-9]+"],
    ["recording_type", "[a-z_()A-Z]+"],
    ["status", "[a-z_]+"],
  ];
  const enumCases = enums.flatMap(([field, pattern]) =>
    all(new RegExp(`"${field}": "(${pattern})"`, "g")).map((value) => [value, field]),
  );
  it("extracts enum values from the seeds' examples", () => {
    expect(enumCases.length).toBeGreaterThanOrEqual(15);
  });
  it.each(enumCases)("lists %s in RecordingFile.%s", (value, property) => {
    expect(schemas.RecordingFile.properties[property as string].enum).toContain(value);
  });
  it.each(all(/"type": "?(\d+)"?,/g))("lists meeting type %s", (value) => {
    const numeric = schemas.RecordingMeeting.properties.type.oneOf.find(
      (branch: { type: string }) => branch.type === "integer",
    );
    expect(numeric.enum).toContain(Number(value));
  });
  it.each([...new Set(all(/trash_type=([a-z_]+)/g).concat(all(/`([a-z_]+)`: List all/g)))])(
    "lists trash_type %s",
    (value) => {
      const trashType = operation.parameters.find((p: { name: string }) => p.name === "trash_type");
      expect(trashType.schema.enum).toContain(value);
    },
  );

  it.each(all(/HTTP Status Code:\*\* `(\d+)`/g))("documents status %s", (status) => {
    expect(operation.responses[status]).toBeDefined();
  });
  it.each(all(/\*\*Error Code:\*\* `(\d+)`/g))("has an example with Zoom error code %s", (code) => {
    const examples = Object.values(
      operation.responses["404"].content["application/json"].examples,
    ) as Array<{ value: { code: number } }>;
    expect(examples.map((e) => e.value.code)).toContain(Number(code));
  });

  it("carries the seeds' sample response as its `seed` example, value for value", () => {
    const body = /"body": "(\{\\n.*?\})"\n/s.exec(goSample)?.[1];
    expect(body).toBeDefined();
    const sample = JSON.parse(JSON.parse(`"${body}"`));
    expect(sample.meetings[0].recording_files).toHaveLength(3);
    expect(operation.responses["200"].content["application/json"].examples.seed.value).toEqual(
      sample,
    );
  });
});
