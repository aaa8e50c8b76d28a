import { AbortError, ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import {
  type CreateDraftClipInput,
  createDraftClip,
  createUplynkClippingClient,
} from "../src/index.js";

const beam = "asset-1";

// Each wrong body with the field named and words of the message (plain words, not schema jargon).
const wrong: Array<{ given: Record<string, unknown>; field: string; says: string }> = [
  {
    given: { beam, start: 1, start_time: "2024-01-03T17:52:29Z", stop: 2 },
    field: "start",
    says: "give either start (ms) or start_time, not both",
  },
  {
    given: { beam, stop: 2 },
    field: "start",
    says: "give a start: start (ms from the start of the asset) or start_time",
  },
  {
    given: { beam, start: 1 },
    field: "stop",
    says: "give an end: stop (ms from the start of the asset) or duration (seconds)",
  },
  {
    given: { beam, start_time: "2024-01-03T17:52:29Z" },
    field: "stop",
    says: "give an end: stop_time",
  },
  {
    given: { beam, start: 1, stop: 2, duration: 3 },
    field: "duration",
    says: "give only one end (stop, stop_time or duration), not stop and duration",
  },
  {
    given: { beam, start: 1, stop_time: "2024-01-03T17:52:39Z" },
    field: "stop_time",
    says: "stop_time only goes with start_time",
  },
  {
    given: { beam, start_time: "2024-01-03T17:52:29Z", stop: 2 },
    field: "stop",
    says: "stop (ms) only goes with start (ms)",
  },
  {
    given: { beam, start: 2000, stop: 1000 },
    field: "stop",
    says: "the clip must start before it ends: start 2000 is not before stop 1000",
  },
  {
    given: { beam, start_time: "2024-01-03T17:52:39Z", stop_time: "2024-01-03T17:52:39Z" },
    field: "stop_time",
    says: 'the clip must start before it ends: start_time "2024-01-03T17:52:39Z" is not before stop_time "2024-01-03T17:52:39Z"',
  },
  {
    given: { beam, start_time: "2024-01-03T17:52:29.500Z", duration: 1 },
    field: "start_time",
    says: "YYYY-MM-DDThh:mm:ssZ",
  },
  {
    given: { beam, start_time: 1704304349, duration: 1 },
    field: "start_time",
    says: "got 1704304349",
  },
  // Date.parse("2024") is a time: a number must still be refused, not parsed.
  { given: { beam, start_time: 2024, duration: 1 }, field: "start_time", says: "got 2024" },
  ...[
    "2024-01-03T17:52:29.000Z",
    "2024-01-03T17:52:29+00:00",
    "2024-01-03 17:52:29Z",
    "2024-02-30T00:00:00Z",
    " 2024-01-03T17:52:29Z",
    "2024-01-03T17:52:29Zz",
  ].map((time) => ({
    given: { beam, start_time: time, duration: 1 },
    field: "start_time",
    says: `YYYY-MM-DDThh:mm:ssZ (e.g. 2024-01-08T20:31:11Z); got ${JSON.stringify(time)}`,
  })),
  { given: { beam, start: 0, duration: 1, title: 7 }, field: "title", says: "must be a string" },
  {
    given: { beam, start: 0, duration: 1, profile: false },
    field: "profile",
    says: "must be a string",
  },
  ...[["a", "b"], "Sport=3", null].map((meta) => ({
    given: { beam, start: 0, duration: 1, meta },
    field: "meta",
    says: "must be an object of metadata keys to string values",
  })),
  ...[null, "clip", [{ beam, start: 0, duration: 1 }]].map((given) => ({
    given: given as unknown as Record<string, unknown>,
    field: "input",
    says: "expected an object with beam and a start and end",
  })),
  {
    given: { beam, start: -5, duration: 1 },
    field: "start",
    says: "whole number of milliseconds from the start of the asset, 0 or more; got -5",
  },
  { given: { beam, start: 0, stop: 1.5 }, field: "stop", says: "got 1.5" },
  {
    given: { beam, start: 0, duration: 0 },
    field: "duration",
    says: "whole number of seconds, 1 or more; got 0",
  },
  {
    given: { beam, start_time: "2024-13-01T00:00:00Z", duration: 1 },
    field: "start_time",
    says: "YYYY-MM-DDThh:mm:ssZ",
  },
  {
    given: { beam, start_time: "yesterday", duration: 1 },
    field: "start_time",
    says: 'got "yesterday"',
  },
  { given: { beam: " ", start: 0, duration: 1 }, field: "beam", says: "asset ID" },
  { given: { start: 0, duration: 1 }, field: "beam", says: "non-empty string" },
  {
    given: { beam, start: 0, duration: 1, meta: { Sport: 3 } },
    field: "meta.Sport",
    says: "must be a string",
  },
];

describe("createDraftClip validates the window before sending", () => {
  it.each(wrong)("$field: $says", async ({ given, field, says }) => {
    let requests = 0;
    const client = createUplynkClippingClient({
      owner: "o",
      apiKey: "k",
      baseUrl: "http://127.0.0.1:9/api/v4",
      fetch: async () => {
        requests++;
        return new Response("{}", { status: 500 });
      },
    });
    const failure = await createDraftClip(client, given as unknown as CreateDraftClipInput).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(ClipKitValidationError);
    expect(failure).toMatchObject({ field });
    expect((failure as Error).message).toContain(says);
    expect(requests).toBe(0);
  });

  it("sends nothing once the signal has aborted", async () => {
    let requests = 0;
    const client = createUplynkClippingClient({
      owner: "o",
      apiKey: "k",
      fetch: async () => {
        requests++;
        return Response.json({});
      },
    });
    const reason = new Error("stop");
    const failure = await createDraftClip(
      client,
      { beam, start: 0, duration: 1 },
      { signal: AbortSignal.abort(reason) },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).cause).toBe(reason);
    expect(requests).toBe(0);
  });

  it("sends a valid body as JSON, signed, and returns the created draft", async () => {
    const sent: Request[] = [];
    const client = createUplynkClippingClient({
      owner: "o",
      apiKey: "k",
      baseUrl: "https://services.uplynk.com/api/v4",
      fetch: async (input) => {
        sent.push(input as Request);
        return Response.json({
          "@id": "/api/v4/clipping_draft/d9",
          "@type": "ClippingDraft",
          id: "d9",
        });
      },
    });
    const created = await createDraftClip(client, {
      beam,
      start: 55000,
      duration: 10,
      title: "My Clip",
    });
    expect(created).toEqual({
      "@id": "/api/v4/clipping_draft/d9",
      "@type": "ClippingDraft",
      id: "d9",
    });
    const request = sent[0] as Request;
    expect(sent).toHaveLength(1);
    expect(request.method).toBe("POST");
    const url = new URL(request.url);
    expect(url.origin + url.pathname).toBe("https://services.uplynk.com/api/v4/clipping_draft");
    expect([...url.searchParams.keys()]).toEqual(["msg", "sig"]);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(await request.json()).toEqual({ beam, start: 55000, duration: 10, title: "My Clip" });
  });
});
