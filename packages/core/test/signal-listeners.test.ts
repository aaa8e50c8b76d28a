import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { AbortError } from "../src/index.js";
import { abortable, createPipeline, sleep } from "../src/internal.js";
import { attemptSignal } from "../src/timeout.js";
import { ok, startServer, type TestServer } from "./helpers/server.js";
import { testVendor } from "./helpers/vendor.js";

// A caller's signal often lives as long as the app (one controller for a whole job): anything
// left attached to it per request is a leak, and Node warns past ten listeners.
const listeners = (signal: AbortSignal) => getEventListeners(signal, "abort").length;

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("nothing stays attached to the caller's signal", () => {
  // Through `send`: a `Request` built with the signal (openapi-fetch builds one) is undici's,
  // and undici detaches from the signal only when that Request is garbage-collected.
  it("after many requests, buffered and streamed, made with one long-lived signal", async () => {
    server = await startServer((req, res) =>
      req.url === "/video"
        ? res.writeHead(200, { "content-type": "video/mp4" }).end("bytes")
        : ok({ fine: true })(res),
    );
    const pipeline = createPipeline({ baseUrl: server.url, vendor: testVendor });
    const controller = new AbortController();
    const send = (path: string) =>
      pipeline.send({
        method: "GET",
        url: `${server?.url}${path}`,
        replayable: true,
        signal: controller.signal,
        build: () => new Request(`${server?.url}${path}`),
      });
    for (let i = 0; i < 15; i++) await (await send("/json")).json();
    expect(listeners(controller.signal)).toBe(0);
    for (let i = 0; i < 3; i++) expect(await (await send("/video")).text()).toBe("bytes");
    expect(listeners(controller.signal)).toBe(0);
  });

  it("once an attempt is released, and once an abort has fired", () => {
    const caller = new AbortController();
    const attempt = attemptSignal(10_000, caller.signal);
    expect(listeners(caller.signal)).toBe(1);
    attempt.release();
    expect(listeners(caller.signal)).toBe(0);

    const aborted = attemptSignal(10_000, caller.signal);
    caller.abort(new Error("stop"));
    expect(aborted.signal.aborted).toBe(true);
    expect(aborted.signal.reason).toEqual(new Error("stop"));
    expect(aborted.timedOut()).toBe(false);
    expect(listeners(caller.signal)).toBe(0);
  });

  it("once a sleep ends, whether it ran out or was aborted", async () => {
    const caller = new AbortController();
    await sleep(1, caller.signal);
    expect(listeners(caller.signal)).toBe(0);

    const waiting = sleep(60_000, caller.signal);
    caller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(listeners(caller.signal)).toBe(0);
  });

  it("once an abortable promise settles, resolved or rejected", async () => {
    const caller = new AbortController();
    await expect(abortable(Promise.resolve("done"), caller.signal)).resolves.toBe("done");
    await expect(abortable(Promise.reject(new Error("no")), caller.signal)).rejects.toThrow("no");
    expect(listeners(caller.signal)).toBe(0);
  });
});

describe("a sleep aborted by the caller", () => {
  it("rejects with AbortError saying so, the signal's reason as its cause", async () => {
    const reason = new Error("user pressed stop");
    const error = await sleep(60_000, AbortSignal.abort(reason)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as Error).message).toBe("the request was aborted by the caller");
    expect((error as Error).cause).toBe(reason);
  });

  it("rejects with what rejectWith makes of the signal, when given", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal, () => new RangeError("poller gave up"));
    controller.abort();
    await expect(waiting).rejects.toThrow(new RangeError("poller gave up"));
  });
});
