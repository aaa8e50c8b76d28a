import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { createZoomClipsClient, transferClips, type ZoomClipsClient } from "../src/index.js";
import { fakeFetch, json } from "./fake-fetch.js";

function setup() {
  const fake = fakeFetch(() => json({}));
  const client = createZoomClipsClient({ auth: "token", fetch: fake.fetch });
  return { client, requests: fake.requests };
}

const clipId = "A2RldhYyU08zeDNIeFJJVzBOcHFRVlZQWXlRAQ";
const tags = (n: number) => Array.from({ length: n }, (_, i) => `tag${i}`);
const ids = (n: number) => Array.from({ length: n }, (_, i) => `clip${i}`);

interface Case {
  given: string;
  call: (client: ZoomClipsClient) => Promise<unknown>;
  field: string;
  message: RegExp;
}

const rejected: Case[] = [
  {
    given: "11 tags on an update",
    call: (c) =>
      c.PATCH("/clips/{clipId}", { params: { path: { clipId } }, body: { tags: tags(11) } }),
    field: "tags",
    message: /at most 10 tags, got 11/,
  },
  {
    given: "an empty update",
    call: (c) => c.PATCH("/clips/{clipId}", { params: { path: { clipId } }, body: {} }),
    field: "body",
    message: /the update is empty/,
  },
  {
    given: "an update whose fields are all undefined",
    call: (c) =>
      c.PATCH("/clips/{clipId}", { params: { path: { clipId } }, body: { title: undefined } }),
    field: "body",
    message: /the update is empty/,
  },
  {
    given: "51 clip ids on a transfer (raw call)",
    call: (c) =>
      c.POST("/clips/transfers", {
        body: {
          source_owner_user_id: "a",
          target_owner_user_id: "b",
          transfer_type: "PARTIAL_TRANSFER",
          clip_id_list: ids(51),
        },
      }),
    field: "clip_id_list",
    message: /at most 50 clips, got 51/,
  },
  {
    given: "51 clip ids on a transfer (transferClips)",
    call: (c) =>
      transferClips(c, {
        source_owner_user_id: "a",
        target_owner_user_id: "b",
        transfer_type: "FULL_TRANSFER",
        clip_id_list: ids(51),
      }),
    field: "clip_id_list",
    message: /at most 50 clips/,
  },
  {
    given: "a partial transfer without clip ids",
    call: (c) =>
      transferClips(c, {
        source_owner_user_id: "a",
        target_owner_user_id: "b",
        transfer_type: "PARTIAL_TRANSFER",
      }),
    field: "clip_id_list",
    message: /partial transfer needs the IDs/,
  },
  {
    given: "a partial transfer with an empty clip list",
    call: (c) =>
      transferClips(c, {
        source_owner_user_id: "a",
        target_owner_user_id: "b",
        transfer_type: "PARTIAL_TRANSFER",
        clip_id_list: [],
      }),
    field: "clip_id_list",
    message: /partial transfer needs the IDs/,
  },
  {
    given: "a transfer with an empty target user",
    call: (c) =>
      transferClips(c, {
        source_owner_user_id: "a",
        target_owner_user_id: " ",
        transfer_type: "FULL_TRANSFER",
      }),
    field: "target_owner_user_id",
    message: /cannot be empty/,
  },
  {
    given: "page_size 29 on GET /clips",
    call: (c) => c.GET("/clips", { params: { query: { page_size: 29 } } }),
    field: "page_size",
    message: /from 30 to 300, got 29$/,
  },
  {
    given: "page_size 301 on GET /accounts/{accountId}/clips",
    call: (c) =>
      c.GET("/accounts/{accountId}/clips", {
        params: { path: { accountId: "x" }, query: { page_size: 301 } },
      }),
    field: "page_size",
    message: /from 30 to 300/,
  },
  {
    given: "page_size 0 on the comments of a clip",
    call: (c) =>
      c.GET("/clips/{clipId}/comments", { params: { path: { clipId }, query: { page_size: 0 } } }),
    field: "page_size",
    message: /of at least 1, got 0$/,
  },
  {
    given: "page_size 2.5 on the collaborators of a clip",
    call: (c) =>
      c.GET("/clips/{clipId}/collaborators", {
        params: { path: { clipId }, query: { page_size: 2.5 } },
      }),
    field: "page_size",
    message: /whole number/,
  },
  {
    given: "page_size 500 on paginateClips",
    call: async (c) => {
      for await (const _ of c.paginate("/clips", { query: { page_size: 500 } })) break;
    },
    field: "page_size",
    message: /from 30 to 300, got 500/,
  },
  {
    given: "page_size 0 on client.paginate for a sub account",
    call: async (c) => {
      for await (const _ of c.paginate("/accounts/{accountId}/clips", {
        path: { accountId: "x" },
        query: { page_size: 1 },
      }))
        break;
    },
    field: "page_size",
    message: /from 30 to 300, got 1/,
  },
];

describe("client-side validation", () => {
  it.each(rejected)(
    "rejects $given without sending a request",
    async ({ call, field, message }) => {
      const { client, requests } = setup();
      const error = await call(client).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(ClipKitValidationError);
      expect(error).toMatchObject({ field });
      expect((error as Error).message).toMatch(message);
      expect(requests).toHaveLength(0);
    },
  );

  it.each([
    [
      "10 tags",
      (c: ZoomClipsClient) =>
        c.PATCH("/clips/{clipId}", { params: { path: { clipId } }, body: { tags: tags(10) } }),
    ],
    [
      "a title only",
      (c: ZoomClipsClient) =>
        c.PATCH("/clips/{clipId}", { params: { path: { clipId } }, body: { title: "t" } }),
    ],
    [
      "50 clip ids",
      (c: ZoomClipsClient) =>
        transferClips(c, {
          source_owner_user_id: "a",
          target_owner_user_id: "b",
          transfer_type: "PARTIAL_TRANSFER",
          clip_id_list: ids(50),
        }),
    ],
    [
      "a full transfer without a clip list",
      (c: ZoomClipsClient) =>
        transferClips(c, {
          source_owner_user_id: "a",
          target_owner_user_id: "b",
          transfer_type: "FULL_TRANSFER",
        }),
    ],
    [
      "page_size 300",
      (c: ZoomClipsClient) => c.GET("/clips", { params: { query: { page_size: 300 } } }),
    ],
    [
      "page_size 1 on comments",
      (c: ZoomClipsClient) =>
        c.GET("/clips/{clipId}/comments", {
          params: { path: { clipId }, query: { page_size: 1 } },
        }),
    ],
    [
      'page_size "100" on comments (the published string form, no maximum)',
      (c: ZoomClipsClient) =>
        c.GET("/clips/{clipId}/comments", {
          params: { path: { clipId }, query: { page_size: "100" } },
        }),
    ],
    [
      "page_size 30 on GET /clips (the published minimum)",
      (c: ZoomClipsClient) => c.GET("/clips", { params: { query: { page_size: 30 } } }),
    ],
  ])("lets %s through (exactly one request)", async (_, call) => {
    const { client, requests } = setup();
    await call(client);
    expect(requests).toHaveLength(1);
  });

  it("checks paginate's page_size before the first page, and before a token request", async () => {
    let authorized = 0;
    const fake = fakeFetch(() => json({ clips: [], next_page_token: "" }));
    const client = createZoomClipsClient({
      auth: {
        async authorize(request) {
          authorized++;
          return request;
        },
      },
      fetch: fake.fetch,
    });
    const pages = client.paginate("/clips", { query: { page_size: 301 } }).pages();
    await expect(pages[Symbol.asyncIterator]().next()).rejects.toThrow(
      new ClipKitValidationError("page_size", "expected a whole number from 30 to 300, got 301"),
    );
    expect(authorized).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it("validates before the auth provider is asked for a token", async () => {
    let authorized = 0;
    const fake = fakeFetch(() => json({}));
    const client = createZoomClipsClient({
      auth: {
        async authorize(request) {
          authorized++;
          return request;
        },
      },
      fetch: fake.fetch,
    });
    await expect(
      client.PATCH("/clips/{clipId}", { params: { path: { clipId } }, body: {} }),
    ).rejects.toThrow(ClipKitValidationError);
    expect(authorized).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });
});
