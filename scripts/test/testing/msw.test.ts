// @clipkit/testing/msw: in-process handlers typed from the clients' generated paths.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { createMswHandlers, SpecViolationError, strictFetch } from "@clipkit/testing/msw";
import { createDraftClip, createUplynkClippingClient } from "@clipkit/uplynk-clipping";
import { type paths as ClipsPaths, createZoomClipsClient, unwrap } from "@clipkit/zoom-clips";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const clips = createMswHandlers<ClipsPaths>("zoom-clips");
const uplynk = createMswHandlers("uplynk-clipping");
const server = setupServer(...clips.handlers, ...uplynk.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

describe("msw handlers", () => {
  it("answer every operation with the spec's example, at the spec's servers", async () => {
    const zoom = createZoomClipsClient({ auth: "unit-test-token", fetch: strictFetch() });
    const clip = await unwrap(zoom.GET("/clips/{clipId}", { params: { path: { clipId: "abc" } } }));
    expect(clip.title).toBe("clips test title");
    const client = createUplynkClippingClient({ owner: "o", apiKey: "k", fetch: strictFetch() });
    const draft = await createDraftClip(client, {
      beam: "0123456789abcdefghijklmnopqrstuv",
      start: 0,
      duration: 5,
    });
    expect(draft.id).toBe("abc0123def456ghi789klmno0123pqrs");
  });

  it("take typed overrides through openapi-msw", async () => {
    server.use(
      clips.http.get("/clips/{clipId}", ({ params, response }) =>
        response(200).json({ clip_id: params.clipId, title: "Mine", status: "RECORD_SUCCESS" }),
      ),
    );
    const zoom = createZoomClipsClient({ auth: "unit-test-token" });
    const clip = await unwrap(zoom.GET("/clips/{clipId}", { params: { path: { clipId: "xyz" } } }));
    expect(clip).toMatchObject({ clip_id: "xyz", title: "Mine" });
  });

  it("fail a request the spec forbids with the validator's message", async () => {
    const fetch = strictFetch();
    const call = fetch("https://api.zoom.us/v2/clips?page_size=500", {
      headers: { authorization: "Bearer t" },
    });
    await expect(call).rejects.toBeInstanceOf(SpecViolationError);
    await expect(fetch("https://api.zoom.us/v2/clips?page_size=500")).rejects.toThrow(/page_size/);
  });

  it("import nothing from node: (they run in browsers too)", () => {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve("@clipkit/testing/package.json"));
    const entry = join(root, "dist", "msw", "index.js");
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/from "node:|require\("node:/);
      for (const [, spec] of text.matchAll(/from "(\.{1,2}\/[^"]+)"/g))
        visit(resolve(dirname(file), spec ?? ""));
    };
    visit(entry);
    expect([...seen].map((f) => f.slice(root.length))).toContain("/specs/index.js");
  });
});
