// `@clipkit/zoom-cloud-recording/lean` leaves out the request checks and `paginate` (their
// bytes), nothing else: a request the main entry's client refuses before the wire goes out from
// the lean one, and the lean client still names the scopes a refused call needs.
import { describe, expect, it } from "vitest";
import { ClipKitValidationError, createZoomCloudRecordingClient } from "../src/index.js";
import {
  createZoomCloudRecordingClient as createLeanClient,
  MissingScopesError,
  unwrap,
  withPaginate,
} from "../src/lean.js";

function recording(answer: () => Response) {
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push(new Request(input, init).url);
    return answer();
  };
  return { fetch, sent };
}

// page_size above the documented 300.
const listTooMuch = (client: ReturnType<typeof createLeanClient>) =>
  client.GET("/users/{userId}/recordings", {
    params: { path: { userId: "me" }, query: { page_size: 301 } },
  });

describe("the lean client", () => {
  it("sends what the main entry's client refuses unsent", async () => {
    const lean = recording(() => Response.json({ meetings: [] }));
    await listTooMuch(createLeanClient({ auth: "t", fetch: lean.fetch, maxRetries: 0 }));
    expect(lean.sent).toEqual(["https://api.zoom.us/v2/users/me/recordings?page_size=301"]);

    const checked = recording(() => Response.json({ meetings: [] }));
    await expect(
      listTooMuch(createZoomCloudRecordingClient({ auth: "t", fetch: checked.fetch })),
    ).rejects.toBeInstanceOf(ClipKitValidationError);
    expect(checked.sent).toEqual([]);
  });

  it("has no paginate, and names the scopes of a call refused for missing ones", async () => {
    const { fetch } = recording(() =>
      Response.json({ code: 4711, message: "does not contain scopes" }, { status: 400 }),
    );
    const client = createLeanClient({ auth: "t", fetch, maxRetries: 0 });
    expect(client).not.toHaveProperty("paginate");
    const error = await unwrap(
      client.GET("/users/{userId}/recordings", { params: { path: { userId: "me" } } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingScopesError);
    expect((error as MissingScopesError).requiredScopes?.macro).toContain("recording:read");
  });

  it("gets paginate from withPaginate alone: every meeting over the pages, the query unchecked", async () => {
    let page = 0;
    const { fetch, sent } = recording(() =>
      Response.json(
        page++ === 0
          ? { meetings: [{ uuid: "m1==" }], next_page_token: "p2" }
          : { meetings: [{ uuid: "m2==" }], next_page_token: "" },
      ),
    );
    const client = withPaginate(createLeanClient({ auth: "t", fetch, maxRetries: 0 }));
    const uuids: string[] = [];
    for await (const meeting of client.paginate("/users/{userId}/recordings", {
      path: { userId: "me" },
      query: { page_size: 301 },
    })) {
      uuids.push(meeting.uuid ?? "");
    }
    expect(uuids).toEqual(["m1==", "m2=="]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toContain("page_size=301");
    expect(sent[1]).toContain("next_page_token=p2");
  });
});
