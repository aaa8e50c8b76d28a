import { strictFetch } from "@clipkit/contract-harness";
import { ApiError, ClipKitValidationError, NotFoundError } from "@clipkit/core";
import { describe, expect, inject, it } from "vitest";
import {
  type CreateDraftClipInput,
  createDraftClip,
  createUplynkClippingClient,
  listClips,
  listDraftClips,
  type UplynkClippingClient,
} from "../src/index.js";
import {
  documentedStatuses,
  type Method,
  operations,
  requestExamples,
  responseExample,
} from "./spec-examples.js";

const client = (fetch: typeof globalThis.fetch = strictFetch()) =>
  createUplynkClippingClient({
    owner: "owner-1",
    apiKey: "key-1",
    baseUrl: inject("prismUrl"),
    fetch,
  });

const DRAFT_ID = "abc0123def456ghi789klmno0123pqrs";
const CLIP_ID = "e8d6b5cb940c40cc9ec6ad081a38f3f0";

type Call = (
  c: UplynkClippingClient,
  headers: Record<string, string>,
) => Promise<{
  data?: unknown;
  error?: unknown;
  response: Response;
}>;

/** One valid call per operation, keyed by operationId. */
const calls: Record<string, { path: string; method: Method; call: Call }> = {
  createDraftClip: {
    path: "/clipping_draft",
    method: "post",
    call: (c, headers) =>
      c.POST("/clipping_draft", {
        body: { beam: "asset-1", start: 120000, stop: 130000 },
        headers,
      }),
  },
  listDraftClips: {
    path: "/clipping_draft",
    method: "get",
    call: (c, headers) => c.GET("/clipping_draft", { headers }),
  },
  getDraftClip: {
    path: "/clipping_draft/{id}",
    method: "get",
    call: (c, headers) =>
      c.GET("/clipping_draft/{id}", { params: { path: { id: DRAFT_ID } }, headers }),
  },
  deleteDraftClip: {
    path: "/clipping_draft/{id}",
    method: "delete",
    call: (c, headers) =>
      c.DELETE("/clipping_draft/{id}", { params: { path: { id: DRAFT_ID } }, headers }),
  },
  listClips: {
    path: "/clip/draft_info",
    method: "get",
    call: (c, headers) =>
      c.GET("/clip/draft_info", {
        params: { query: { draft_id: "3b5cd277915c4c0cb0aea542ce42b5f2" } },
        headers,
      }),
  },
  getClip: {
    path: "/clip/draft_info/{id}",
    method: "get",
    call: (c, headers) =>
      c.GET("/clip/draft_info/{id}", { params: { path: { id: CLIP_ID } }, headers }),
  },
};

const cases = operations().flatMap(({ path, method, operationId }) =>
  documentedStatuses(path, method).map((status) => ({ operationId, path, method, status })),
);

describe("every operation and documented status against Prism", () => {
  it("covers every operation of the spec", () => {
    expect(Object.keys(calls).sort()).toEqual(
      operations()
        .map((op) => op.operationId)
        .sort(),
    );
    for (const { operationId, path, method } of operations()) {
      expect(calls[operationId]).toMatchObject({ path, method });
    }
    expect(cases.length).toBeGreaterThanOrEqual(31);
  });

  it.each(cases)(
    "$operationId answers a forced $status with the spec's example",
    async ({ operationId, path, method, status }) => {
      const op = calls[operationId];
      if (!op) throw new Error(`no call for ${operationId}`);
      const example = responseExample(path, method, status);
      const { data, error, response } = await op.call(client(), {
        Prefer: `code=${status}, example=${example.name}`,
      });
      expect(response.status).toBe(status);
      if (status < 400) {
        expect(error).toBeUndefined();
        expect(data).toEqual(example.value);
      } else {
        expect(data).toBeUndefined();
        const want = example.value as { error: string; message: string };
        expect(error).toEqual({ error: want.error, message: want.message });
      }
    },
  );

  it("sends msg and sig on every request (Prism refuses a request without them)", async () => {
    // Drops `sig` after signing, under the runtime. A plain fetch: strictFetch would turn
    // Prism's security verdict into a thrown error.
    const stripSig: typeof fetch = (input, init) => {
      const request = new Request(input, init);
      const url = new URL(request.url);
      url.searchParams.delete("sig");
      return globalThis.fetch(new Request(url, request));
    };
    const unsigned = client(stripSig);
    const { response } = await unsigned.GET("/clipping_draft");
    expect(response.status).toBe(401);
    const { response: signed } = await client(globalThis.fetch).GET("/clipping_draft");
    expect(signed.status).toBe(200);
  });
});

describe("helpers against Prism", () => {
  it.each(Object.entries(requestExamples("/clipping_draft", "post")))(
    "createDraftClip sends the %s combination in a form Prism accepts",
    async (_name, body) => {
      const created = await createDraftClip(client(), body as CreateDraftClipInput);
      const want = responseExample("/clipping_draft", "post", 200).value as typeof created;
      expect(created).toEqual(want);
      expect(created.id).toBe("abc0123def456ghi789klmno0123pqrs");
    },
  );

  it("covers the four combinations the spec models", () => {
    const combos = Object.values(requestExamples("/clipping_draft", "post")).map((body) =>
      ["start", "start_time", "stop", "stop_time", "duration"]
        .filter((key) => key in (body as object))
        .join("+"),
    );
    expect(combos.sort()).toEqual([
      "start+duration",
      "start+stop",
      "start_time+duration",
      "start_time+stop_time",
    ]);
  });

  it("stops an invalid start/stop combination before any request", async () => {
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return strictFetch()(input, init);
    };
    const bad = {
      beam: "asset-1",
      start: 120000,
      stop_time: "2024-01-03T17:52:39Z",
    } as unknown as CreateDraftClipInput;
    await expect(createDraftClip(client(counting), bad)).rejects.toThrow(
      "stop_time only goes with start_time",
    );
    expect(requests).toBe(0);
    // The same client does send a valid body, so the count above can move.
    await createDraftClip(client(counting), { beam: "asset-1", start: 0, duration: 10 });
    expect(requests).toBe(1);
  });

  it("a body outside the spec's oneOf is refused by the client, and by Prism's validator", async () => {
    const body = { beam: "asset-1", start: 120000, stop_time: "2024-01-03T17:52:39Z" };
    // @ts-expect-error -- start with stop_time is not one of the four combinations
    const viaClient = client().POST("/clipping_draft", { body });
    await expect(viaClient).rejects.toThrow(ClipKitValidationError);
    const raw = strictFetch()(`${inject("prismUrl")}/clipping_draft`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    await expect(raw).rejects.toThrow(/not allowed by the spec/);
  });

  it("listDraftClips yields the drafts of the collection", async () => {
    const drafts = [];
    for await (const draft of listDraftClips(client())) drafts.push(draft);
    const want = responseExample("/clipping_draft", "get", 200).value as { items: unknown[] };
    expect(drafts).toEqual(want.items);
    expect(drafts.map((d) => d.title)).toEqual(["My First Draft", "My Second Draft"]);
    const pages = [];
    for await (const page of listDraftClips(client()).pages()) pages.push(page);
    expect(pages).toEqual([want]);
  });

  it("listClips filters by draft id and yields the clips", async () => {
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return strictFetch()(input, init);
    };
    const clips = [];
    for await (const clip of listClips(client(spy), {
      draftId: "3b5cd277915c4c0cb0aea542ce42b5f2",
    }))
      clips.push(clip);
    expect(new URL(seen[0] as string).searchParams.get("draft_id")).toBe(
      "3b5cd277915c4c0cb0aea542ce42b5f2",
    );
    expect(clips).toEqual([
      {
        "@id": "/clip/draft_info/e1fc7c4987ce4b6f96dc561993479666",
        "@type": "Clip",
        asset: "",
        draft_id: "3b5cd277915c4c0cb0aea542ce42b5f2",
        is_complete: false,
        id: "e1fc7c4987ce4b6f96dc561993479666",
      },
    ]);
  });

  it("a forced 404 from a helper is thrown as NotFoundError with the vendor's error and message", async () => {
    const c = client();
    c.use({
      onRequest({ request }) {
        request.headers.set("Prefer", "code=404");
        return request;
      },
    });
    const failure = await createDraftClip(c, { beam: "missing", start: 0, stop: 1000 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      status: 404,
      code: "Not Found",
      apiMessage: "No asset matches the given beam.",
      method: "POST",
    });
  });
});
