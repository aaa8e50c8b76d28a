// A small stand-in for Uplynk's signature check on a real socket: it recomputes the HMAC of
// `msg`, checks the owner and refuses a timestamp more than 300 s away from its own clock.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inflateSync } from "node:zlib";
import { AuthenticationError } from "@clipkit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDraftClip, createUplynkClippingClient } from "../src/index.js";

const OWNER = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const API_KEY = "server-side-api-key";
const SERVER_NOW_S = 1_704_300_749;
const MAX_SKEW_S = 300;

interface Verdict {
  status: number;
  error?: string;
}

function verify(url: URL): Verdict {
  const msg = url.searchParams.get("msg");
  const sig = url.searchParams.get("sig");
  if (!msg || !sig) return { status: 401, error: "missing msg or sig" };
  const want = createHmac("sha256", API_KEY).update(msg).digest();
  const got = Buffer.from(sig, "hex");
  if (got.length !== want.length || !timingSafeEqual(got, want)) {
    return { status: 401, error: "bad signature" };
  }
  let payload: { _owner?: unknown; _timestamp?: unknown };
  try {
    payload = JSON.parse(inflateSync(Buffer.from(msg, "base64")).toString("utf8"));
  } catch {
    return { status: 401, error: "msg is not base64 zlib JSON" };
  }
  if (!Number.isInteger(payload._timestamp)) return { status: 401, error: "no integer _timestamp" };
  if (Math.abs(SERVER_NOW_S - (payload._timestamp as number)) > MAX_SKEW_S) {
    return { status: 401, error: "stale timestamp" };
  }
  if (payload._owner !== OWNER) return { status: 403, error: "wrong owner" };
  return { status: 200 };
}

let server: Server;
let baseUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    seen.push(`${req.method} ${url.pathname}`);
    const verdict = verify(url);
    res.setHeader("Content-Type", "application/json");
    if (verdict.status !== 200) {
      res.statusCode = verdict.status;
      res.end(
        JSON.stringify({
          error: verdict.status === 401 ? "Unauthorized" : "Forbidden",
          message: verdict.error,
        }),
      );
      return;
    }
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      if (req.method === "POST" && url.pathname === "/api/v4/clipping_draft") {
        const input = JSON.parse(body) as { beam: string };
        res.end(
          JSON.stringify({
            "@id": "/api/v4/clipping_draft/d1",
            "@type": "ClippingDraft",
            id: `draft-of-${input.beam}`,
          }),
        );
      } else if (req.method === "GET" && url.pathname === "/api/v4/clipping_draft") {
        res.end(
          JSON.stringify({
            "@id": "/api/v4/clipping_draft",
            "@type": "Collection",
            items: [],
            total_items: 0,
          }),
        );
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: "Not Found" }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (over: { owner?: string; apiKey?: string; nowS?: number } = {}) =>
  createUplynkClippingClient({
    owner: over.owner ?? OWNER,
    apiKey: over.apiKey ?? API_KEY,
    baseUrl,
    now: () => (over.nowS ?? SERVER_NOW_S) * 1000 + 250,
  });

describe("signed requests against a server that checks signatures", () => {
  it.each([
    { name: "the same clock", nowS: SERVER_NOW_S },
    { name: "a clock 299 s behind", nowS: SERVER_NOW_S - 299 },
    { name: "a clock 300 s ahead", nowS: SERVER_NOW_S + 300 },
  ])("accepts a correct signature with $name", async ({ nowS }) => {
    const { data, response } = await client({ nowS }).GET("/clipping_draft");
    expect(response.status).toBe(200);
    expect(data?.["@type"]).toBe("Collection");
  });

  it("creates a draft end to end through the helper (signed POST with a JSON body)", async () => {
    const created = await createDraftClip(client(), { beam: "asset-1", start: 0, duration: 5 });
    expect(created.id).toBe("draft-of-asset-1");
  });

  it.each([
    { name: "a wrong API key", over: { apiKey: "not-the-key" }, status: 401, why: "bad signature" },
    {
      name: "a stale clock (301 s behind)",
      over: { nowS: SERVER_NOW_S - 301 },
      status: 401,
      why: "stale timestamp",
    },
    {
      name: "a clock 10 min ahead",
      over: { nowS: SERVER_NOW_S + 600 },
      status: 401,
      why: "stale timestamp",
    },
    { name: "another owner", over: { owner: "someone-else" }, status: 403, why: "wrong owner" },
  ])("is refused with $name", async ({ over, status, why }) => {
    const before = seen.length;
    const { data, error, response } = await client(over).GET("/clipping_draft");
    expect(data).toBeUndefined();
    expect(response.status).toBe(status);
    expect(error).toMatchObject({ message: why });
    // A 401 is re-signed (fresh timestamp) and tried once more; a 403 is final.
    expect(seen.length - before).toBe(status === 401 ? 2 : 1);
  });

  it("turns a refusal into an error that names the status and hides msg, sig and the key", async () => {
    const apiKey = "wrong-key-that-must-not-leak";
    const failure = await createDraftClip(client({ apiKey }), {
      beam: "a",
      start: 0,
      stop: 1,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthenticationError);
    const error = failure as AuthenticationError;
    expect(error.status).toBe(401);
    expect(error.apiMessage).toBe("bad signature");
    expect(error.url).toMatch(/msg=REDACTED&sig=REDACTED$/);
    const everything = `${error.message} ${error.stack} ${JSON.stringify(error)} ${error.url}`;
    expect(everything).not.toContain(apiKey);
    expect(everything).not.toMatch(/sig=[0-9a-f]{64}/);
  });
});
