import * as core from "@clipkit/core";
import * as errors from "@clipkit/core/errors";
import * as uplynk from "@clipkit/uplynk-clipping";
import * as clips from "@clipkit/zoom-clips";
import * as recordings from "@clipkit/zoom-cloud-recording";
import * as users from "@clipkit/zoom-users";
import * as webhooks from "@clipkit/zoom-webhooks";
import { describe, expect, it } from "vitest";

// One public shape across the API packages: the whole error family of the runtime, and
// `client.paginate` on every client.

const family = Object.entries(core)
  .filter(([name, value]) => typeof value === "function" && /Error$/.test(name))
  .filter(([, value]) => (value as { prototype?: unknown }).prototype instanceof Error)
  .map(([name]) => name)
  .sort();

describe("every API package re-exports the runtime's whole error family", () => {
  it("the family is what core throws (all ClipKitError)", () => {
    expect(family).toContain("ClipKitValidationError");
    expect(family).toContain("ResponseParseError");
    for (const name of family) {
      const Class = (core as unknown as Record<string, { prototype: unknown }>)[name];
      expect(Class?.prototype instanceof core.ClipKitError || Class === core.ClipKitError).toBe(
        true,
      );
    }
  });

  it("@clipkit/core/errors holds the whole family, and unwrap/assertOk", () => {
    const held = Object.keys(errors).filter((name) => /Error$/.test(name));
    expect(held.sort()).toEqual(family);
    expect(errors.unwrap).toBe(core.unwrap);
    expect(errors.assertOk).toBe(core.assertOk);
  });

  it.each([
    { name: "@clipkit/zoom-clips", pkg: clips },
    { name: "@clipkit/zoom-cloud-recording", pkg: recordings },
    { name: "@clipkit/uplynk-clipping", pkg: uplynk },
    { name: "@clipkit/zoom-users", pkg: users },
  ])("$name", ({ pkg }) => {
    const missing = family.filter(
      (name) => (pkg as Record<string, unknown>)[name] !== (core as Record<string, unknown>)[name],
    );
    expect(missing).toEqual([]);
  });
});

describe("@clipkit/zoom-webhooks (a receiver, not an API client) is in the same error family", () => {
  it("re-exports core's ClipKitError, and its refusals extend it", () => {
    expect(webhooks.ClipKitError).toBe(core.ClipKitError);
    const refusal = new webhooks.ZoomWebhookVerificationError("stale", "too old");
    expect(refusal).toBeInstanceOf(core.ClipKitError);
    expect(refusal.toJSON()).toMatchObject({ reason: "stale", status: 401 });
  });
});

describe("every client offers paginate(path, options) with items and .pages()", () => {
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { "content-type": "application/json" } });

  it("zoom-clips: /clips", async () => {
    const client = clips.createZoomClipsClient({
      auth: "t",
      baseUrl: "https://api.test/v2",
      fetch: async (input) =>
        new URL((input as Request).url).searchParams.get("next_page_token")
          ? json({ data: [{ clip_id: "b" }], next_page_token: "" })
          : json({ data: [{ clip_id: "a" }], next_page_token: "p2" }),
    });
    const ids: unknown[] = [];
    for await (const clip of client.paginate("/clips")) ids.push(clip.clip_id);
    expect(ids).toEqual(["a", "b"]);
  });

  it("zoom-cloud-recording: /users/{userId}/recordings", async () => {
    const client = recordings.createZoomCloudRecordingClient({
      auth: "t",
      baseUrl: "https://api.test/v2",
      fetch: async (input) =>
        new URL((input as Request).url).searchParams.get("next_page_token")
          ? json({ meetings: [{ uuid: "m2" }], next_page_token: "" })
          : json({ meetings: [{ uuid: "m1" }], next_page_token: "n2" }),
    });
    const pages = client.paginate("/users/{userId}/recordings", {
      path: { userId: "me" },
      query: { from: "2026-01-01", to: "2026-01-31" },
    });
    const uuids: unknown[] = [];
    for await (const page of pages.pages()) uuids.push(...(page.meetings ?? []).map((m) => m.uuid));
    expect(uuids).toEqual(["m1", "m2"]);
  });

  it("uplynk-clipping: /clipping_draft", async () => {
    const client = uplynk.createUplynkClippingClient({
      owner: "o",
      apiKey: "k",
      fetch: async () =>
        json({
          "@id": "/clipping_draft",
          "@type": "Collection",
          items: [{ id: "d1" }],
          total_items: 1,
        }),
    });
    const ids: unknown[] = [];
    for await (const draft of client.paginate("/clipping_draft")) ids.push(draft.id);
    expect(ids).toEqual(["d1"]);
  });
});
