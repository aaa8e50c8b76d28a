import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createMswHandlers } from "../../src/msw/index.js";
import { exampleResponse, specOperations } from "../../src/msw/spec-responses.js";
import { loadSpec } from "../../src/spec/specs.js";

const clips = createMswHandlers("zoom-clips");
const uplynk = createMswHandlers("uplynk-clipping", { validateRequests: false });
/** The part of the client's generated `paths` the typed overrides below use. */
interface ClipsPaths {
  "/clips/{clipId}": {
    get: {
      parameters: { path: { clipId: string } };
      responses: { 200: { content: { "application/json": { clip_id: string; title: string } } } };
    };
  };
  "/clips/files": {
    post: { responses: { 201: { content: { "application/json": { clip_id: string } } } } };
  };
}
const local = createMswHandlers<ClipsPaths>("zoom-clips", {
  baseUrl: "http://clips.test/v2/",
  fileBaseUrl: "http://files.test/v2/",
});
const server = setupServer(...clips.handlers, ...uplynk.handlers, ...local.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const auth = { authorization: "Bearer t" };

describe("createMswHandlers", () => {
  it("has one handler per operation of the spec", () => {
    expect(clips.handlers).toHaveLength(specOperations(loadSpec("zoom-clips")).length);
    expect(uplynk.handlers).toHaveLength(6);
  });

  it("answers the spec's example at the spec's servers, uploads at the file host", async () => {
    const clip = await fetch("https://api.zoom.us/v2/clips/abc", { headers: auth });
    expect(clip.status).toBe(200);
    expect((await clip.json()).title).toBe("clips test title");
    const upload = await fetch("https://fileapi.zoom.us/v2/clips/files", {
      method: "POST",
      headers: auth,
      body: new FormData(),
    });
    expect([upload.status, await upload.json()]).toEqual([
      201,
      { clip_id: "xBvggqyjQUal6TecwMlYwE" },
    ]);
    const deleted = await fetch("https://api.zoom.us/v2/clips/abc", {
      method: "DELETE",
      headers: auth,
    });
    expect([deleted.status, await deleted.text()]).toEqual([204, ""]);
    const hop = await fetch("https://api.zoom.us/v2/clips/abc/download", {
      headers: auth,
      redirect: "manual",
    });
    expect(hop.status).toBe(302);
    expect(hop.headers.get("location")).toMatch(/^https:\/\/file\.zoom\.us\/file\//);
  });

  it("serves at the given base URLs, without their trailing slash, and validates there", async () => {
    const clip = await fetch("http://clips.test/v2/clips/abc", { headers: auth });
    expect((await clip.json()).title).toBe("clips test title");
    const upload = await fetch("http://files.test/v2/clips/files", {
      method: "POST",
      headers: auth,
      body: new FormData(),
    });
    expect(upload.status).toBe(201);
    const bad = await fetch("http://clips.test/v2/clips?page_size=500", { headers: auth });
    expect(bad.status).toBe(422);
  });

  it("answers Prism's 422 with sl-violations for a request the spec forbids", async () => {
    const bad = await fetch("https://api.zoom.us/v2/clips?page_size=500", { headers: auth });
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    const violations = JSON.parse(bad.headers.get("sl-violations") ?? "[]");
    expect(violations).toEqual([
      {
        location: ["query", "page_size"],
        severity: "Error",
        code: "maximum",
        message: "query parameter page_size must be <= 300",
      },
    ]);
    expect(await bad.json()).toEqual({
      type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
      title: "Invalid request",
      status: 422,
      validation: violations,
    });
  });

  it("checks JSON bodies (and a body that does not parse as text)", async () => {
    const post = (body: string) =>
      fetch("https://api.zoom.us/v2/clips/transfers", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body,
      });
    const bad = await post('{"transfer_type":"SOME"}');
    expect(bad.status).toBe(422);
    expect(
      JSON.parse(bad.headers.get("sl-violations") ?? "[]").map(
        (v: { location: string[] }) => v.location[0],
      ),
    ).toContain("body");
    const notJson = await post("{oops");
    expect(JSON.parse(notJson.headers.get("sl-violations") ?? "[]")[0].message).toBe(
      "request body must be object",
    );
    const good = await post(
      JSON.stringify({
        source_owner_user_id: "a",
        target_owner_user_id: "b",
        transfer_type: "FULL_TRANSFER",
      }),
    );
    expect([good.status, await good.json()]).toEqual([201, { task_id: "task_id_123" }]);
  });

  it("skips validation when asked to", async () => {
    const response = await fetch("https://services.uplynk.com/api/v4/clipping_draft", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(200);
    expect((await response.json()).id).toBe("abc0123def456ghi789klmno0123pqrs");
  });

  it("gives typed overrides on the API and the file host", async () => {
    server.use(
      local.http.get("/clips/{clipId}", ({ params, response }) =>
        response(200).json({ clip_id: params.clipId, title: "Mine" }),
      ),
      local.fileHttp.post("/clips/files", ({ response }) =>
        response(201).json({ clip_id: "from-file-host" }),
      ),
    );
    expect((await (await fetch("http://clips.test/v2/clips/xyz")).json()).title).toBe("Mine");
    const upload = await fetch("http://files.test/v2/clips/files", { method: "POST", body: "x" });
    expect((await upload.json()).clip_id).toBe("from-file-host");
  });
});

describe("specOperations", () => {
  it("lists each operation with its own server, the path's, or the spec's", () => {
    const spec = {
      servers: [{ url: "https://main" }],
      paths: {
        "/a": { get: {}, post: { servers: [{ url: "https://op" }] }, head: {} },
        "/b": { servers: [{ url: "https://path" }], put: {}, patch: {}, delete: {} },
      },
    };
    expect(
      specOperations(spec).map(({ method, template, server }) => [method, template, server]),
    ).toEqual([
      ["get", "/a", "https://main"],
      ["post", "/a", "https://op"],
      ["put", "/b", "https://path"],
      ["patch", "/b", "https://path"],
      ["delete", "/b", "https://path"],
    ]);
    expect(specOperations({ paths: { "/c": { get: {} } } })[0]?.server).toBe("");
    expect(specOperations({})).toEqual([]);
  });
});

describe("exampleResponse", () => {
  const answer = (responses: object, components: object = {}) =>
    exampleResponse(
      { components },
      { method: "get", template: "/x", server: "", op: { responses } },
    );
  const json = (media: object) => ({ content: { "application/json": media } });

  it("answers the lowest 2xx with its first named example", () => {
    expect(
      answer({
        "404": json({ example: { no: 1 } }),
        "201": json({ examples: { a: { value: { first: 1 } }, b: { value: { second: 2 } } } }),
        "200": json({ examples: { only: { value: { ok: true } } } }),
        default: json({ example: {} }),
      }),
    ).toEqual({ status: 200, json: { ok: true } });
  });

  it("follows $refs to responses and examples, then falls back to `example`, then {}", () => {
    const components = {
      responses: { Ok: json({ examples: { a: { $ref: "#/components/examples/A" } } }) },
      examples: { A: { value: { from: "ref" } } },
    };
    expect(answer({ "200": { $ref: "#/components/responses/Ok" } }, components)).toEqual({
      status: 200,
      json: { from: "ref" },
    });
    expect(answer({ "200": json({ example: { plain: 1 } }) })).toEqual({
      status: 200,
      json: { plain: 1 },
    });
    expect(answer({ "200": json({ schema: {} }) })).toEqual({ status: 200, json: {} });
  });

  it("answers a 2xx without content with no body", () => {
    expect(answer({ "204": { description: "done" } })).toEqual({ status: 204 });
  });

  it("answers the documented redirect when the 2xx is binary, with its Location example", () => {
    const binary = { content: { "application/octet-stream": {} } };
    expect(
      answer({ "200": binary, "302": { headers: { Location: { example: "https://cdn/x" } } } }),
    ).toEqual({ status: 302, headers: { location: "https://cdn/x" } });
    expect(
      answer({
        "200": binary,
        "307": { headers: { location: { schema: { example: "https://s" } } } },
      }),
    ).toEqual({ status: 307, headers: { location: "https://s" } });
    expect(answer({ "200": binary, "301": {} })).toEqual({
      status: 301,
      headers: { location: "" },
    });
    expect(answer({ "200": binary })).toEqual({ status: 200 });
  });

  it("answers 200 when the spec lists no success", () => {
    expect(answer({ "400": json({ example: {} }) })).toEqual({ status: 200 });
    expect(exampleResponse({}, { method: "get", template: "/x", server: "", op: {} })).toEqual({
      status: 200,
    });
  });
});
