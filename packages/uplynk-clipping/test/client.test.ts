// The client on the shared runtime: every attempt signed afresh, retries of idempotent
// requests, per-attempt timeouts, redacted logs, typed errors. Over an injected fetch.
import { inflateSync } from "node:zlib";
import { ConnectionError, NotFoundError, TimeoutError, unwrap } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import {
  createUplynkClippingClient,
  type UplynkClippingClientOptions,
  uplynkVendor,
  VERSION,
} from "../src/index.js";

const stampOf = (request: Request) =>
  (
    JSON.parse(
      inflateSync(
        Buffer.from(new URL(request.url).searchParams.get("msg") as string, "base64"),
      ).toString(),
    ) as { _timestamp: number }
  )._timestamp;

const ok = () =>
  Response.json({
    "@id": "/api/v4/clipping_draft",
    "@type": "Collection",
    items: [],
    total_items: 0,
  });

/** A client over a fetch that answers call n with `answer(n, request)`; waits are recorded, not slept. */
function scripted(
  answer: (n: number, request: Request) => Response | Promise<Response>,
  options: Partial<UplynkClippingClientOptions> = {},
) {
  const sent: Request[] = [];
  const lines: string[] = [];
  const delays: number[] = [];
  let now = 1_700_000_000_000;
  const client = createUplynkClippingClient({
    owner: "o",
    apiKey: "secret-key-xyz",
    baseUrl: "https://services.uplynk.com/api/v4",
    now: () => {
      now += 5_000;
      return now;
    },
    logger: { debug: (line) => lines.push(line) },
    sleep: async (ms) => {
      delays.push(ms);
    },
    ...options,
    fetch: async (input) => {
      const request = input as Request;
      sent.push(request);
      return answer(sent.length, request);
    },
  });
  return { client, sent, lines, delays };
}

describe("the client on the shared runtime", () => {
  it.each([
    { status: 503, tries: 2 },
    { status: 500, tries: 2 },
    { status: 429, tries: 2 },
    { status: 404, tries: 1 },
    { status: 403, tries: 1 },
    // 401 means a bad or expired signature: re-signed once with a fresh timestamp.
    { status: 401, tries: 2 },
  ])("a GET answered $status is sent $tries times", async ({ status, tries }) => {
    const { client, sent } = scripted((n) =>
      n === 1 ? Response.json({ error: "x" }, { status }) : ok(),
    );
    const { response } = await client.GET("/clipping_draft");
    expect(sent).toHaveLength(tries);
    expect(response.status).toBe(tries === 2 ? 200 : status);
  });

  it("re-signs each retry with a fresh timestamp and signature", async () => {
    const { client, sent } = scripted((n) => (n < 3 ? new Response(null, { status: 502 }) : ok()), {
      maxRetries: 2,
    });
    await client.GET("/clipping_draft");
    expect(sent).toHaveLength(3);
    const stamps = sent.map(stampOf);
    expect(stamps[1]).toBeGreaterThan(stamps[0] as number);
    expect(stamps[2]).toBeGreaterThan(stamps[1] as number);
    expect(new Set(sent.map((r) => new URL(r.url).searchParams.get("sig"))).size).toBe(3);
  });

  it("honours Retry-After and gives up after maxRetries with the last answer", async () => {
    const { client, sent, delays } = scripted(
      () => new Response(null, { status: 503, headers: { "Retry-After": "3" } }),
      { maxRetries: 1 },
    );
    const { response } = await client.GET("/clipping_draft");
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(2);
    expect(delays).toEqual([3000]);
  });

  it("never retries a POST (it would create a second draft)", async () => {
    const { client, sent } = scripted(() => new Response(null, { status: 503 }));
    const { response } = await client.POST("/clipping_draft", {
      body: { beam: "b", start: 0, duration: 1 },
    });
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(1);
  });

  it("retries a network error on a GET, and reports a lasting one as ConnectionError", async () => {
    const flaky = scripted((n) => {
      if (n === 1) throw new TypeError("fetch failed");
      return ok();
    });
    expect((await flaky.client.GET("/clipping_draft")).response.status).toBe(200);
    expect(flaky.sent).toHaveLength(2);
    const down = scripted(
      () => {
        throw new TypeError("fetch failed");
      },
      { maxRetries: 1 },
    );
    await expect(down.client.GET("/clipping_draft")).rejects.toBeInstanceOf(ConnectionError);
    expect(down.sent).toHaveLength(2);
  });

  it("fails an attempt that outlives timeoutMs with a TimeoutError that shows no msg or sig", async () => {
    const hang = (_n: number, request: Request) =>
      new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener("abort", () => reject(request.signal.reason));
      });
    const { client, sent } = scripted(hang, { timeoutMs: 30, maxRetries: 0 });
    const failure = await client.GET("/clipping_draft").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TimeoutError);
    const message = (failure as Error).message;
    expect(message).toBe(
      "GET https://services.uplynk.com/api/v4/clipping_draft timed out after 30 ms",
    );
    expect(sent).toHaveLength(1);
  });

  it("logs attempts without msg, sig or the key", async () => {
    const { client, lines } = scripted((n) =>
      n === 1 ? new Response(null, { status: 503 }) : ok(),
    );
    await client.GET("/clipping_draft");
    expect(lines[0]).toBe("GET https://services.uplynk.com/api/v4/clipping_draft -> 503");
    expect(lines.some((line) => line.endsWith("-> 200"))).toBe(true);
    expect(lines.join("\n")).not.toContain("secret-key-xyz");
    expect(lines.join("\n")).not.toMatch(/sig=|msg=/);
  });

  it("sends a User-Agent naming this package and version", async () => {
    const { client, sent } = scripted(ok);
    await client.GET("/clipping_draft");
    expect(sent[0]?.headers.get("user-agent")).toMatch(
      /^@clipkit\/uplynk-clipping\/0\.1\.0 clipkit-core\//,
    );
    expect(VERSION).toBe(pkg.version);
  });

  it("does not sign requests to other origins", async () => {
    const { client, sent } = scripted(ok);
    await client.GET("/clipping_draft", { baseUrl: "https://elsewhere.example.net/api/v4" });
    expect(new URL((sent[0] as Request).url).searchParams.has("sig")).toBe(false);
  });

  it("drops every trailing slash of baseUrl", async () => {
    const { client, sent } = scripted(ok, { baseUrl: "https://services.uplynk.com/api/v4///" });
    await client.GET("/clipping_draft");
    const url = new URL((sent[0] as Request).url);
    expect(url.origin + url.pathname).toBe("https://services.uplynk.com/api/v4/clipping_draft");
    expect(url.searchParams.has("sig")).toBe(true);
  });

  it.each([
    { options: { maxRetries: -1 }, field: "maxRetries" },
    { options: { maxRetries: 1.5 }, field: "maxRetries" },
    { options: { timeoutMs: 0 }, field: "timeoutMs" },
    { options: { owner: "" }, field: "owner" },
    { options: { apiKey: "" }, field: "apiKey" },
  ])("refuses $field out of range", ({ options, field }) => {
    expect(() => scripted(ok, options)).toThrow(expect.objectContaining({ field }));
  });
});

describe("uplynkVendor.errorFromBody reads Uplynk's { error, message }", () => {
  it.each([
    {
      given: { error: "Forbidden", message: "no access" },
      want: { code: "Forbidden", message: "no access" },
    },
    { given: { error: "Forbidden" }, want: { code: "Forbidden" } },
    { given: { message: "no access" }, want: { message: "no access" } },
    { given: { error: 403, message: 7 }, want: undefined },
    { given: {}, want: undefined },
    { given: null, want: undefined },
    { given: undefined, want: undefined },
    { given: "Service Unavailable", want: undefined },
  ])("$given → $want", ({ given, want }) => {
    expect(uplynkVendor.errorFromBody?.(given)).toEqual(want);
  });

  it("gives an error answer's code and message to the thrown ApiError", async () => {
    const { client } = scripted(() =>
      Response.json({ error: "NotFound", message: "no such draft" }, { status: 404 }),
    );
    const failure = await unwrap(client.GET("/clipping_draft")).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NotFoundError);
    expect(failure).toMatchObject({ status: 404, code: "NotFound", apiMessage: "no such draft" });
  });
});
