import { existsSync } from "node:fs";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import {
  type LoopbackServer,
  listenOnLoopback,
  readBody,
  sendJson,
} from "../../src/http/listen.js";
import { SpecViolationError, strictFetch } from "../../src/prism/strict-fetch.js";
import { createRequestValidator } from "../../src/spec/request-validator.js";
import { specPath } from "../../src/spec/spec-file.js";
import { specGate } from "../../src/spec/spec-gate.js";
import { loadSpec, MOCK_APIS, type MockApi } from "../../src/spec/specs.js";

const validator = createRequestValidator({
  openapi: "3.1.0",
  paths: {
    "/things": {
      get: { parameters: [{ name: "n", in: "query", schema: { type: "integer" } }] },
      post: {
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: { type: "object", required: ["a"], properties: { a: { type: "string" } } },
            },
          },
        },
      },
    },
  },
});

let server: LoopbackServer | undefined;
afterEach(() => server?.close());

/** A gated handler that echoes what reached it: the path and the body it could read. */
async function gated() {
  server = await listenOnLoopback(
    specGate(validator, "/base", (req, res) => {
      void readBody(req).then((body) =>
        sendJson(res, 200, { reached: req.url, body: body.toString("utf8") }),
      );
    }),
  );
  return server.origin;
}

describe("specGate", () => {
  it("lets a request the spec allows through, with its body still readable", async () => {
    const origin = await gated();
    const ok = await fetch(`${origin}/base/things?n=3`);
    expect(await ok.json()).toEqual({ reached: "/base/things?n=3", body: "" });
    const post = await fetch(`${origin}/base/things`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":"x"}',
    });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ reached: "/base/things", body: '{"a":"x"}' });
  });

  it("answers Prism's 422 problem with the violations in sl-violations", async () => {
    const origin = await gated();
    const bad = await fetch(`${origin}/base/things?n=abc`);
    expect(bad.status).toBe(422);
    expect(bad.headers.get("content-type")).toBe("application/problem+json");
    const violations = [
      {
        location: ["query", "n"],
        severity: "Error",
        code: "type",
        message: "query parameter n must be integer",
      },
    ];
    expect(JSON.parse(bad.headers.get("sl-violations") ?? "")).toEqual(violations);
    const text = await bad.text();
    expect(bad.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toEqual({
      type: "https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY",
      title: "Invalid request",
      status: 422,
      detail: "The request is not allowed by the spec.",
      validation: violations,
    });
  });

  it("checks JSON bodies, and a body that is not JSON as text", async () => {
    const origin = await gated();
    const post = (body: string, type = "application/json") =>
      fetch(`${origin}/base/things`, { method: "POST", headers: { "content-type": type }, body });
    const wrong = await post('{"a":1}');
    expect(wrong.status).toBe(422);
    expect(JSON.parse(wrong.headers.get("sl-violations") ?? "")[0].message).toBe(
      "request body/a must be string",
    );
    const notJson = await post("{oops");
    expect(JSON.parse(notJson.headers.get("sl-violations") ?? "")[0].message).toBe(
      "request body must be object",
    );
    const empty = await post("");
    expect(JSON.parse(empty.headers.get("sl-violations") ?? "")[0].message).toBe(
      "request body is required",
    );
    // A body that is not JSON is not read by the gate: the spec's JSON body counts as absent.
    const form = await post('{"a":"x"}', "text/plain");
    expect(JSON.parse(form.headers.get("sl-violations") ?? "")[0].code).toBe("required");
  });

  it("answers 405 for a method the path lacks", async () => {
    const origin = await gated();
    const response = await fetch(`${origin}/base/things`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect((await response.json()).status).toBe(405);
  });

  it("passes through paths outside the base path and paths the spec does not have", async () => {
    const origin = await gated();
    expect((await (await fetch(`${origin}/other/things?n=abc`)).json()).reached).toBe(
      "/other/things?n=abc",
    );
    expect((await (await fetch(`${origin}/base?n=abc`)).json()).reached).toBe("/base?n=abc");
    expect((await (await fetch(`${origin}/base/unknown`)).json()).reached).toBe("/base/unknown");
  });

  it("drops the connection when the body cannot be read", async () => {
    const origin = await gated();
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${origin}/base/things`, {
        method: "POST",
        headers: { "content-type": "application/json" },
      });
      req.on("response", (res) => resolve(`status ${res.statusCode}`));
      req.on("error", () => resolve("dropped"));
      // Over readBody's 1 MiB limit.
      req.end(Buffer.alloc((1 << 20) + 1, 0x20));
    });
    expect(outcome).toBe("dropped");
  });
});

describe("strictFetch", () => {
  const answer = (body: string, init: ResponseInit) => async () => new Response(body, init);

  it("passes answers without error violations through", async () => {
    const warnings = JSON.stringify([{ severity: "Warning", message: "w" }]);
    const response = await strictFetch(
      answer("ok", { status: 200, headers: { "sl-violations": warnings } }),
    )("http://x/");
    expect(await response.text()).toBe("ok");
    const forced = await strictFetch(
      answer('{"a":1}', { status: 422, headers: { "content-type": "application/json" } }),
    )("http://x/");
    expect(forced.status).toBe(422);
  });

  it("throws SpecViolationError with the error violations of sl-violations", async () => {
    const violations = [
      { severity: "Warning", message: "w" },
      { severity: "Error", message: "bad page_size" },
    ];
    const fetch = strictFetch(
      answer("{}", { status: 400, headers: { "sl-violations": JSON.stringify(violations) } }),
    );
    const error = await fetch("http://x/clips").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecViolationError);
    expect(error).toMatchObject({
      name: "SpecViolationError",
      request: "http://x/clips",
      violations: [violations[1]],
      message: `Prism rejected http://x/clips as not allowed by the spec: ${JSON.stringify([violations[1]])}`,
    });
    const viaRequest = await fetch(new Request("http://x/r", { method: "DELETE" })).catch(
      (e: SpecViolationError) => e,
    );
    expect((viaRequest as SpecViolationError).request).toBe("DELETE http://x/r");
  });

  it("throws for a 422 problem+json without the header, with the problem as the violation", async () => {
    const problem = { title: "Invalid request", status: 422 };
    const fetch = strictFetch(
      answer(JSON.stringify(problem), {
        status: 422,
        headers: { "content-type": "application/problem+json" },
      }),
    );
    await expect(fetch("http://x/")).rejects.toMatchObject({ violations: [problem] });
    const notProblem = strictFetch(
      answer("{}", { status: 400, headers: { "content-type": "application/problem+json" } }),
    );
    expect((await notProblem("http://x/")).status).toBe(400);
  });

  it("uses the global fetch by default", async () => {
    server = await listenOnLoopback((_req, res) => sendJson(res, 200, { hi: 1 }));
    expect(await (await strictFetch()(server.origin)).json()).toEqual({ hi: 1 });
  });
});

describe("specs", () => {
  it("loads each mocked API's bundled spec, and refuses another name", () => {
    expect(MOCK_APIS).toEqual(["zoom-clips", "zoom-cloud-recording", "uplynk-clipping"]);
    for (const api of MOCK_APIS) {
      expect(loadSpec(api).openapi).toMatch(/^3\.1/);
      expect(specPath(api)).toMatch(new RegExp(`/specs/${api}\\.json$`));
      expect(existsSync(specPath(api))).toBe(true);
    }
    expect(loadSpec("zoom-clips").paths["/clips"]).toBeDefined();
    expect(() => loadSpec("zoom-meetings" as MockApi)).toThrow(
      'unknown API "zoom-meetings"; expected one of zoom-clips, zoom-cloud-recording, uplynk-clipping',
    );
    expect(() => specPath("nope" as MockApi)).toThrow(RangeError);
  });
});
