// `@clipkit/uplynk-clipping/lean` leaves out the request checks and `paginate` (their bytes): a
// draft the main entry's client refuses before signing goes out, signed, from the lean one.
import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createUplynkClippingClient } from "../src/index.js";
import { createUplynkClippingClient as createLeanClient, withPaginate } from "../src/lean.js";

function recording() {
  const sent: URL[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push(new URL(new Request(input, init).url));
    return Response.json({ "@id": "/api/v4/clipping_draft/d1", id: "d1" });
  };
  return { fetch, sent };
}

const KEYS = { owner: "o", apiKey: "k", maxRetries: 0 };
// A draft without its asset (`beam`), which the spec requires.
const draftWithoutBeam = (client: ReturnType<typeof createLeanClient>) =>
  client.POST("/clipping_draft", { body: { start: 0, duration: 10 } as never });

describe("the lean client", () => {
  it("signs and sends what the main entry's client refuses unsent, and has no paginate", async () => {
    const lean = recording();
    const client = createLeanClient({ ...KEYS, fetch: lean.fetch });
    await draftWithoutBeam(client);
    expect(lean.sent.map((url) => [url.pathname, url.searchParams.has("sig")])).toEqual([
      ["/api/v4/clipping_draft", true],
    ]);
    expect(client).not.toHaveProperty("paginate");

    const checked = recording();
    await expect(
      draftWithoutBeam(createUplynkClippingClient({ ...KEYS, fetch: checked.fetch })),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(checked.sent).toEqual([]);
  });

  it("gets paginate from withPaginate alone: the collection's items", async () => {
    const fetch: typeof globalThis.fetch = async () =>
      Response.json({ items: [{ id: "d1" }, { id: "d2" }] });
    const client = withPaginate(createLeanClient({ ...KEYS, fetch }));
    const ids: string[] = [];
    for await (const draft of client.paginate("/clipping_draft")) ids.push(draft.id ?? "");
    expect(ids).toEqual(["d1", "d2"]);
  });
});
