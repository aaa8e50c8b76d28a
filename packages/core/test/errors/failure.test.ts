import { afterEach, describe, expect, it } from "vitest";
import {
  ClipKitValidationError,
  ConnectionError,
  createFetch,
  RedirectError,
  TimeoutError,
} from "../../src/index.js";
import { failureFrom } from "../../src/internal.js";
import { ok, sequence, startServer, type TestServer } from "../helpers/server.js";
import { recordedDelays, testVendor } from "../helpers/vendor.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]) {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const pipelineFetch = (url: string) =>
  createFetch({ baseUrl: url, vendor: testVendor, ...recordedDelays() });

describe("failureFrom", () => {
  it.each([
    ["a failure of ours as fetch's cause", new ClipKitValidationError("size", "too long")],
    ["an idle limit of ours as fetch's cause", new TimeoutError("no byte for 5 ms")],
  ])("returns %s as it is", (_given, ours) => {
    const thrown = new TypeError("fetch failed", { cause: ours });
    expect(failureFrom(thrown, { what: "PUT x" })).toBe(ours);
  });

  it("calls a refused redirect a RedirectError, keeping fetch's error as its cause", () => {
    const thrown = new TypeError("fetch failed", { cause: new Error("unexpected redirect") });
    const failure = failureFrom(thrown, { what: "POST x" });
    expect(failure).toBeInstanceOf(RedirectError);
    expect((failure as Error).cause).toBe(thrown);
  });

  it("other network failures stay ConnectionErrors", () => {
    const thrown = new TypeError("fetch failed", { cause: new Error("other side closed") });
    expect(failureFrom(thrown, { what: "GET x" })).toBeInstanceOf(ConnectionError);
  });
});

describe("through the pipeline", () => {
  it('a redirect met with redirect: "error" is a RedirectError and is not retried', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(307, { location: "/elsewhere" });
      res.end();
    });
    const failure = await pipelineFetch(s.url)(`${s.url}/x`, { redirect: "error" }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(RedirectError);
    // A GET that failed with a ConnectionError would have been sent three times.
    expect(s.received).toHaveLength(1);
  });

  it("a request body stream that fails with our error rejects with that error", async () => {
    const s = await serve(sequence(ok({})));
    const broken = new ClipKitValidationError("size", "the stream is longer than declared");
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ < 2) controller.enqueue(new Uint8Array(1024));
        else controller.error(broken);
      },
    });
    const failure = await pipelineFetch(s.url)(`${s.url}/x`, {
      method: "PUT",
      body,
      duplex: "half",
    } as RequestInit).catch((e: unknown) => e);
    expect(failure).toBe(broken);
  });
});
