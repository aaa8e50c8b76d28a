import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createUplynkClippingClient, UplynkTimeoutError } from "../src/index.js";

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

/** A client over a fetch that answers call n with `answer(n, request)`. */
function scripted(
  answer: (n: number, request: Request) => Response | Promise<Response>,
  options: { maxRetries?: number; timeoutMs?: number } = {},
) {
  const sent: Request[] = [];
  const lines: string[] = [];
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
    ...options,
    fetch: async (input) => {
      const request = input as Request;
      sent.push(request);
      return answer(sent.length, request);
    },
  });
  return { client, sent, lines };
}

describe("retries and timeouts", () => {
  it.each([
    { status: 503, retried: true },
    { status: 500, retried: true },
    { status: 429, retried: true },
    { status: 404, retried: false },
    { status: 401, retried: false },
  ])("a GET answered $status is retried: $retried", async ({ status, retried }) => {
    const { client, sent } = scripted((n) =>
      n === 1
        ? Response.json({ error: "x" }, { status, headers: { "Retry-After": "0.01" } })
        : ok(),
    );
    const { response } = await client.GET("/clipping_draft");
    expect(sent).toHaveLength(retried ? 2 : 1);
    expect(response.status).toBe(retried ? 200 : status);
  });

  it("re-signs each retry with a fresh timestamp", async () => {
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

  it("gives up after maxRetries and returns the last answer", async () => {
    const { client, sent } = scripted(
      () => new Response(null, { status: 503, headers: { "Retry-After": "0.01" } }),
      {
        maxRetries: 1,
      },
    );
    const { response } = await client.GET("/clipping_draft");
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(2);
  });

  it("never retries a POST (it would create a second draft)", async () => {
    const { client, sent } = scripted(() => new Response(null, { status: 503 }));
    const { response } = await client.POST("/clipping_draft", {
      body: { beam: "b", start: 0, duration: 1 },
    });
    expect(response.status).toBe(503);
    expect(sent).toHaveLength(1);
  });

  it("retries a network error on a GET", async () => {
    const { client, sent } = scripted((n) => {
      if (n === 1) throw new TypeError("fetch failed");
      return ok();
    });
    const { response } = await client.GET("/clipping_draft");
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(2);
  });

  it("fails an attempt that outlives timeoutMs with a TimeoutError that hides msg and sig", async () => {
    const hang = (_n: number, request: Request) =>
      new Promise<Response>((_resolve, reject) => {
        request.signal.addEventListener("abort", () => reject(request.signal.reason));
      });
    const { client, sent } = scripted(hang, { timeoutMs: 30, maxRetries: 0 });
    const failure = await client.GET("/clipping_draft").catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UplynkTimeoutError);
    expect(failure).toMatchObject({ name: "TimeoutError", timeoutMs: 30, method: "GET" });
    expect((failure as UplynkTimeoutError).message).toBe(
      "GET /api/v4/clipping_draft got no answer within 30 ms",
    );
    expect((failure as UplynkTimeoutError).url).toContain("sig=REDACTED");
    expect(sent).toHaveLength(1);
  });

  it("logs one line per attempt without msg, sig or the key", async () => {
    const { client, lines } = scripted((n) =>
      n === 1 ? new Response(null, { status: 503 }) : ok(),
    );
    await client.GET("/clipping_draft");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^GET https:\/\/services\.uplynk\.com\/api\/v4\/clipping_draft\?msg=REDACTED&sig=REDACTED -> 503$/,
    );
    expect(lines.join("\n")).not.toContain("secret-key-xyz");
  });

  it.each([
    { options: { maxRetries: -1 }, field: "maxRetries" },
    { options: { maxRetries: 1.5 }, field: "maxRetries" },
    { options: { timeoutMs: 0 }, field: "timeoutMs" },
  ])("refuses $field out of range", ({ options, field }) => {
    expect(() => scripted(ok, options)).toThrow(expect.objectContaining({ field }));
  });
});
