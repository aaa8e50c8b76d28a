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
    for (const name of ["zoom-cloud-recording", "uplynk-clipping"]) {
      const spec = parse(
        readFileSync(new URL(`../../specs/${name}.yaml`, import.meta.url), "utf8"),
      );
      expect(diffSpecs(spec, structuredClone(spec))).toEqual([]);
    }
  });
});

// OpenAPI 3.1 `webhooks` (issue 22): events the vendor sends; the receiver reads the payload.
describe("diffSpecs on webhooks", () => {
  // biome-ignore lint/suspicious/noExplicitAny: documents are built as plain data.
  type Doc = any;
  const event = (name: string) => ({
    post: {
      operationId: name,
      summary: `${name} event`,
      requestBody: {
        required: true,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Recording" } } },
      },
      responses: { "200": { description: "Received" } },
    },
  });
  const base = (): Doc => ({
    openapi: "3.1.0",
    info: { title: "Events", version: "1" },
    webhooks: {
      "recording.completed": event("recording.completed"),
      "recording.trashed": event("recording.trashed"),
    },
    components: {
      schemas: {
        Recording: {
          type: "object",
          required: ["event", "payload"],
          properties: {
            event: { type: "string" },
            payload: {
              type: "object",
              required: ["uuid"],
              properties: {
                uuid: { type: "string" },
                topic: { type: "string" },
                status: { type: "string", enum: ["completed"] },
              },
            },
          },
        },
      },
    },
  });
  const payload = (doc: Doc) => doc.components.schemas.Recording.properties.payload;
  const hook = "webhook `recording.completed`";
  const where = `${hook}: payload field`;

  it.each<{ given: string; edit: (doc: Doc) => void; want: Bump; message: string }>([
    {
      given: "an added event",
      edit: (doc) => {
        doc.webhooks["recording.deleted"] = event("recording.deleted");
      },
      want: "minor",
      message: "Added webhook `recording.deleted`",
    },
    {
      given: "a removed event",
      edit: (doc) => {
        delete doc.webhooks["recording.trashed"];
      },
      want: "major",
      message: "Removed webhook `recording.trashed`",
    },
    {
      given: "a payload field removed",
      edit: (doc) => {
        delete payload(doc).properties.topic;
      },
      want: "major",
      message: `${where} \`payload.topic\`: removed`,
    },
    {
      given: "a payload field added",
      edit: (doc) => {
        payload(doc).properties.duration = { type: "integer" };
      },
      want: "minor",
      message: `${where} \`payload.duration\`: added (optional)`,
    },
    {
      given: "a payload field that may now be missing",
      edit: (doc) => {
        payload(doc).required = [];
      },
      want: "major",
      message: `${where} \`payload.uuid\`: now optional`,
    },
    {
      given: "a payload field now always sent",
      edit: (doc) => {
        payload(doc).required = ["uuid", "topic"];
      },
      want: "minor",
      message: `${where} \`payload.topic\`: now required`,
    },
    {
      given: "a payload type narrowed",
      edit: (doc) => {
        payload(doc).properties.uuid.type = "integer";
      },
      want: "major",
      message: `${where} \`payload.uuid\`: changed type string → integer`,
    },
    {
      given: "a new enum value in the payload",
      edit: (doc) => {
        payload(doc).properties.status.enum.push("processing");
      },
      want: "minor",
      message: `${where} \`payload.status\`: added enum value \`processing\``,
    },
    {
      given: "an event's summary",
      edit: (doc) => {
        doc.webhooks["recording.completed"].post.summary = "A recording is ready";
      },
      want: "patch",
      message: `${hook}: updated summary`,
    },
  ])("$given → $want", ({ edit, want, message }) => {
    const after = base();
    edit(after);
    const changes = diffSpecs(base(), after);
    expect(highestBump(changes)).toBe(want);
    expect(changes.map((c) => c.message)).toContain(message);
  });

  it("names the payload of both events when a shared schema changes", () => {
    const after = base();
    delete payload(after).properties.topic;
    expect(diffSpecs(base(), after).map((c) => c.message)).toEqual([
      `${where} \`payload.topic\`: removed`,
      "webhook `recording.trashed`: payload field `payload.topic`: removed",
    ]);
  });
});
