// `@clipkit/zoom-users/lean` leaves out the request checks and `paginate` (their bytes): a
// request the main entry's client refuses before the wire goes out from the lean one.
import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createZoomUsersClient } from "../src/index.js";
import { createZoomUsersClient as createLeanClient, withPaginate } from "../src/lean.js";

function recording() {
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push(new Request(input, init).url);
    return Response.json({ users: [] });
  };
  return { fetch, sent };
}

// A status outside the documented enum.
const listBadStatus = (client: ReturnType<typeof createLeanClient>) =>
  client.GET("/users", { params: { query: { status: "gone" as "active" } } });

describe("the lean client", () => {
  it("sends what the main entry's client refuses unsent, and has no paginate", async () => {
    const lean = recording();
    const client = createLeanClient({ auth: "t", fetch: lean.fetch });
    await listBadStatus(client);
    expect(lean.sent).toEqual(["https://api.zoom.us/v2/users?status=gone"]);
    expect(client).not.toHaveProperty("paginate");

    const checked = recording();
    await expect(
      listBadStatus(createZoomUsersClient({ auth: "t", fetch: checked.fetch })),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(checked.sent).toEqual([]);
  });

  it("gets paginate from withPaginate alone: every user over the pages, the query unchecked", async () => {
    const sent: string[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const url = new Request(input, init).url;
      sent.push(url);
      return Response.json(
        url.includes("next_page_token=p2")
          ? { users: [{ id: "u2" }], next_page_token: "" }
          : { users: [{ id: "u1" }], next_page_token: "p2" },
      );
    };
    const client = withPaginate(createLeanClient({ auth: "t", fetch }));
    const ids: string[] = [];
    for await (const user of client.paginate("/users", {
      query: { status: "gone" as "active" },
    })) {
      ids.push(user.id ?? "");
    }
    expect(ids).toEqual(["u1", "u2"]);
    expect(sent).toHaveLength(2);
    expect(sent.every((url) => url.includes("status=gone"))).toBe(true);
  });
});
