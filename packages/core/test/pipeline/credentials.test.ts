import { describe, expect, it } from "vitest";
import { ClipKitValidationError } from "../../src/index.js";
import { credentialPolicy } from "../../src/internal.js";
import { abortable, attemptSignal, sleep } from "../../src/timeout.js";

describe("credentialPolicy", () => {
  const policy = credentialPolicy(
    [
      { field: "baseUrl", url: "https://api.example/v2" },
      { field: "trustedOrigins", url: "https://files.example:8443/any/path" },
    ],
    { mayReceiveCredentials: (url) => url.hostname.endsWith(".vendor.example") },
  );

  it.each([
    ["https://api.example/v2/x?y=1", true],
    [new URL("https://api.example/other"), true],
    ["https://files.example:8443/f", true],
    ["https://eu.vendor.example/f", true],
    ["http://api.example/v2/x", false],
    ["https://api.example:444/x", false],
    ["https://files.example/f", false],
    ["https://cdn.example/f", false],
    ["not a url", false],
  ])("%s may receive credentials: %s", (url, allowed) => {
    expect(policy(url)).toBe(allowed);
  });

  it("a vendor rule that does not say true is a no", () => {
    const unsure = credentialPolicy([], {
      mayReceiveCredentials: () => "yes" as unknown as boolean,
    });
    expect(unsure("https://x.example/")).toBe(false);
    expect(credentialPolicy([])("https://x.example/")).toBe(false);
  });

  it("a relative origin is refused, naming its option", () => {
    const error = (() => {
      try {
        credentialPolicy([
          { field: "baseUrl", url: "https://api.example" },
          { field: "trustedOrigins", url: "/relative" },
        ]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect((error as ClipKitValidationError).field).toBe("trustedOrigins");
    expect(() => credentialPolicy([{ field: "baseUrl", url: "api.example" }])).toThrow(
      /not an absolute URL: "api.example"/,
    );
  });
});

describe("attempt time limits", () => {
  it("time out on their own, and say so", async () => {
    const timer = attemptSignal(20, new AbortController().signal);
    await new Promise((r) => setTimeout(r, 60));
    expect(timer.signal.aborted).toBe(true);
    expect(timer.timedOut()).toBe(true);
    expect((timer.signal.reason as DOMException).name).toBe("TimeoutError");
    expect((timer.signal.reason as DOMException).message).toBe(
      "the attempt took longer than 20 ms",
    );
  });

  it("once cleared, no longer time out but still follow the caller", async () => {
    const caller = new AbortController();
    const timer = attemptSignal(20, caller.signal);
    timer.clear();
    await new Promise((r) => setTimeout(r, 60));
    expect(timer.signal.aborted).toBe(false);
    caller.abort(new Error("mine"));
    expect(timer.signal.aborted).toBe(true);
    expect(timer.timedOut()).toBe(false);
  });

  it("once released, follow neither", async () => {
    const caller = new AbortController();
    const timer = attemptSignal(20, caller.signal);
    timer.release();
    await new Promise((r) => setTimeout(r, 60));
    caller.abort();
    expect(timer.signal.aborted).toBe(false);
  });

  it("start aborted when the caller already aborted, which is not a timeout", () => {
    const caller = new AbortController();
    const reason = new Error("early");
    caller.abort(reason);
    const timer = attemptSignal(10_000, caller.signal);
    expect(timer.signal.reason).toBe(reason);
    expect(timer.timedOut()).toBe(false);
    timer.release();
  });

  it("can be aborted with a reason of the pipeline's own (an idle stream)", () => {
    const timer = attemptSignal(10_000, new AbortController().signal);
    const reason = new Error("idle");
    timer.abort(reason);
    expect(timer.signal.reason).toBe(reason);
    expect(timer.timedOut()).toBe(false);
    timer.release();
  });
});

describe("sleep and abortable", () => {
  it("sleep waits, or rejects at once with what rejectWith makes of the abort", async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);

    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal, (s) => new Error(`stopped: ${s.reason}`));
    controller.abort("bye");
    await expect(pending).rejects.toThrow("stopped: bye");
    await expect(sleep(10, controller.signal)).rejects.toMatchObject({ name: "AbortError" });
  });

  it("abortable settles with the promise, or with the signal's reason first", async () => {
    const controller = new AbortController();
    expect(await abortable(Promise.resolve(7), controller.signal)).toBe(7);
    await expect(abortable(Promise.reject(new Error("x")), controller.signal)).rejects.toThrow("x");
    const pending = abortable(new Promise(() => {}), controller.signal);
    controller.abort("why");
    await expect(pending).rejects.toBe("why");
    await expect(abortable(Promise.resolve(1), controller.signal)).rejects.toBe("why");
  });
});
