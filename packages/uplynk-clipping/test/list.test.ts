import { AbortError, ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { createUplynkClippingClient, listClips, listDraftClips } from "../src/index.js";

/** A client over a fetch that answers every request with an empty collection, recording each. */
function recording() {
  const sent: Request[] = [];
  const client = createUplynkClippingClient({
    owner: "o",
    apiKey: "k",
    maxRetries: 0,
    fetch: async (input) => {
      sent.push(input as Request);
      return Response.json({ "@id": "/x", "@type": "Collection", items: [], total_items: 0 });
    },
  });
  const queries = () =>
    sent.map((r) => {
      const url = new URL(r.url);
      return [url.pathname, url.searchParams.get("draft_id")];
    });
  return { client, sent, queries };
}

const drain = async (items: AsyncIterable<unknown>) => {
  for await (const _ of items) {
    // nothing to keep
  }
};

describe("listDraftClips", () => {
  it("asks GET /clipping_draft", async () => {
    const { client, queries } = recording();
    await drain(listDraftClips(client));
    expect(queries()).toEqual([["/api/v4/clipping_draft", null]]);
  });

  it("sends nothing once the signal has aborted", async () => {
    const { client, sent } = recording();
    const reason = new Error("stop");
    const failure = await drain(
      listDraftClips(client, { signal: AbortSignal.abort(reason) }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).cause).toBe(reason);
    expect(sent).toEqual([]);
  });
});

describe("listClips", () => {
  it("asks for the latest clips without a draft_id when none is given", async () => {
    const { client, queries } = recording();
    await drain(listClips(client));
    expect(queries()).toEqual([["/api/v4/clip/draft_info", null]]);
  });

  it("filters by draft_id when given", async () => {
    const { client, queries } = recording();
    await drain(listClips(client, { draftId: "d1" }));
    expect(queries()).toEqual([["/api/v4/clip/draft_info", "d1"]]);
  });

  it("sends nothing once the signal has aborted", async () => {
    const { client, sent } = recording();
    const reason = new Error("stop");
    const failure = await drain(
      listClips(client, { draftId: "d1", signal: AbortSignal.abort(reason) }),
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AbortError);
    expect((failure as AbortError).cause).toBe(reason);
    expect(sent).toEqual([]);
  });

  it.each([
    { given: "", name: "an empty draftId" },
    { given: "  ", name: "a blank draftId" },
    { given: 42 as unknown as string, name: "a draftId that is not a string" },
  ])("refuses $name before any request", ({ given }) => {
    const { client, sent } = recording();
    expect(() => listClips(client, { draftId: given })).toThrow(
      new ClipKitValidationError("draftId", "must be a non-empty string when given"),
    );
    expect(() => listClips(client, { draftId: given })).toThrow(ClipKitValidationError);
    expect(sent).toEqual([]);
  });
});
