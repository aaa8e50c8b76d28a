import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Bump, diffSpecs, highestBump } from "../lib/spec-diff.ts";

const fixture = (name: string) =>
  parse(readFileSync(new URL(`./fixtures/spec-diff/${name}.yaml`, import.meta.url), "utf8"));

// Each case compares fixtures/spec-diff/base.yaml with fixtures/spec-diff/<given>.yaml.
const cases: Array<{ given: string; want: Bump; message: string }> = [
  {
    given: "major-removed-operation",
    want: "major",
    message: "Removed operation DELETE /clips/{clipId} (`deleteClip`)",
  },
  {
    given: "major-removed-response-field",
    want: "major",
    message: "field `clips[].duration`: removed",
  },
  { given: "major-removed-enum-value", want: "major", message: "removed enum value `failed`" },
  {
    given: "major-new-required-parameter",
    want: "major",
    message: "GET /clips: added required query parameter `owner`",
  },
  {
    given: "major-new-required-request-field",
    want: "major",
    message: "POST /clips: request body field `source`: added as required",
  },
  { given: "major-narrowed-type", want: "major", message: "narrowed type number → integer" },
  {
    given: "minor-added-operation",
    want: "minor",
    message: "Added operation GET /clips/{clipId} (`getClip`)",
  },
  {
    given: "minor-added-optional-parameter",
    want: "minor",
    message: "GET /clips: added optional query parameter `next_page_token`",
  },
  {
    given: "minor-added-response-field",
    want: "minor",
    message: "field `clips[].created_at`: added (optional)",
  },
  { given: "minor-widened-enum", want: "minor", message: "added enum value `archived`" },
  {
    given: "patch-description",
    want: "patch",
    message: "field `clips[].duration`: updated description",
  },
  { given: "patch-summary", want: "patch", message: "GET /clips: updated summary" },
  {
    given: "patch-example",
    want: "patch",
    message: "GET /clips: response 200 (application/json): updated example",
  },
];

describe("diffSpecs", () => {
  const base = fixture("base");

  it.each(cases)("$given → $want", ({ given, want, message }) => {
    const changes = diffSpecs(base, fixture(given));
    expect(highestBump(changes)).toBe(want);
    expect(changes.map((c) => c.message)).toContainEqual(expect.stringContaining(message));
    // Every change of the fixture is of the wanted level: fixtures test one class each.
    expect(
      changes.every((c) => c.bump === want),
      JSON.stringify(changes),
    ).toBe(true);
  });

  it("finds nothing between a spec and itself", () => {
    expect(diffSpecs(base, fixture("base"))).toEqual([]);
    expect(highestBump([])).toBeUndefined();
  });

  it("classifies the reverse of an addition as major and sorts major first", () => {
    const changes = diffSpecs(fixture("minor-widened-enum"), fixture("patch-description"));
    expect(changes.map((c) => c.bump)).toEqual(["major", "major", "patch", "patch"]);
    expect(changes[0]?.message).toContain("removed enum value `archived`");
  });

  it("reads every spec of the repository without error", () => {
    for (const name of ["zoom-cloud-recording", "uplynk-clipping", "zoom-webhooks"]) {
      const spec = parse(
        readFileSync(new URL(`../../specs/${name}.yaml`, import.meta.url), "utf8"),
      );
      expect(diffSpecs(spec, structuredClone(spec))).toEqual([]);
    }
  });
});

describe("webhooks (OpenAPI 3.1 `webhooks`, e.g. specs/zoom-webhooks.yaml)", () => {
  const hook = (properties: Record<string, unknown>, required: string[] = ["event"]) => ({
    post: {
      operationId: "recording.completed",
      requestBody: {
        content: { "application/json": { schema: { type: "object", required, properties } } },
      },
      responses: { "200": { description: "ok" } },
    },
  });
  const doc = (hooks: Record<string, unknown>) => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    webhooks: hooks,
  });
  const base = doc({
    "recording.completed": hook({ event: { type: "string" }, topic: { type: "string" } }),
  });
  const cases: Array<{ given: string; after: unknown; want: Bump; message: string }> = [
    {
      given: "a removed event",
      after: doc({}),
      want: "major",
      message: "Removed webhook recording.completed (`recording.completed`)",
    },
    {
      given: "an added event",
      after: doc({ ...base.webhooks, "recording.trashed": hook({ event: { type: "string" } }) }),
      want: "minor",
      message: "Added webhook recording.trashed",
    },
    {
      given: "a removed body field",
      after: doc({ "recording.completed": hook({ event: { type: "string" } }) }),
      want: "major",
      message: "Webhook recording.completed: event body field `topic`: removed",
    },
    {
      given: "an added optional body field",
      after: doc({
        "recording.completed": hook({
          event: { type: "string" },
          topic: { type: "string" },
          uuid: { type: "string" },
        }),
      }),
      want: "minor",
      message: "field `uuid`: added (optional)",
    },
    {
      given: "a body field that becomes required (the receiver reads it: not breaking)",
      after: doc({
        "recording.completed": hook({ event: { type: "string" }, topic: { type: "string" } }, [
          "event",
          "topic",
        ]),
      }),
      want: "minor",
      message: "topic",
    },
  ];

  it.each(cases)("$given: $want", ({ after, want, message }) => {
    const changes = diffSpecs(base, after);
    expect(highestBump(changes)).toBe(want);
    expect(changes.map((c) => c.message).join("\n")).toContain(message);
  });

  it("no change, no bump", () => {
    expect(diffSpecs(base, structuredClone(base))).toEqual([]);
  });

  it("the real spec: dropping production_sutdio from recording.completed is major", () => {
    const spec = parse(
      readFileSync(new URL("../../specs/zoom-webhooks.yaml", import.meta.url), "utf8"),
    );
    const after = structuredClone(spec);
    const file =
      after.webhooks["recording.completed"].post.requestBody.content["application/json"].schema
        .properties.payload.properties.object.properties.recording_files.items;
    file.properties.recording_type.enum = file.properties.recording_type.enum.filter(
      (v: string) => v !== "production_sutdio",
    );
    const changes = diffSpecs(spec, after);
    expect(highestBump(changes)).toBe("major");
    expect(changes[0]?.message).toContain("removed enum value `production_sutdio`");
  });
});
