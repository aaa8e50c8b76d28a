import { afterEach, describe, expect, it, vi } from "vitest";
import { createFetch } from "../src/index.js";
import { ok, sequence, startServer, status, type TestServer } from "./helpers/server.js";
import { testVendor } from "./helpers/vendor.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("logging", () => {
  it("logs method, redacted URL, status, duration and attempt for every attempt", async () => {
    server = await startServer(sequence(status(503), ok()));
    const lines: Array<{ msg: string; fields?: Record<string, unknown> }> = [];
    const fetch = createFetch({
      baseUrl: server.url,
      vendor: testVendor,
      logger: { debug: (msg, fields) => lines.push({ msg, ...(fields ? { fields } : {}) }) },
      sleep: async () => {},
      random: () => 0,
    });
    await fetch(`${server.url}/x?sig=S&apikey=K&q=1`);
    const url = `${server.url}/x?sig=REDACTED&apikey=REDACTED&q=1`;
    const attempts = lines.filter((l) => l.fields?.status !== undefined);
    expect(attempts.map((l) => l.msg)).toEqual([`GET ${url} -> 503`, `GET ${url} -> 200`]);
    expect(attempts.map((l) => l.fields?.attempt)).toEqual([1, 2]);
    for (const l of attempts) {
      expect(l.fields).toMatchObject({ method: "GET", url });
      expect(typeof l.fields?.durationMs).toBe("number");
    }
    expect(lines.some((l) => l.msg === `GET ${url} retrying in 0 ms`)).toBe(true);
  });

  it.each([
    { env: "debug", logs: true },
    { env: "", logs: false },
    { env: "info", logs: false },
  ])("CLIPKIT_LOG=$env logs to stderr: $logs", async ({ env, logs }) => {
    server = await startServer(sequence(ok()));
    vi.stubEnv("CLIPKIT_LOG", env);
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    await createFetch({ baseUrl: server.url, vendor: testVendor })(server.url);
    expect(spy.mock.calls.some((c) => String(c[0]).includes("-> 200"))).toBe(logs);
  });
});
