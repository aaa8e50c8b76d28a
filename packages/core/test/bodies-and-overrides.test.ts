import { describe, expect, it } from "vitest";
import { ClipKitValidationError, type RequestOptions, withRequestOptions } from "../src/index.js";
import { isDocumentType, isJsonType, parseBody, readCappedText } from "../src/internal.js";
import { requestOptionsOf } from "../src/pipeline/request-options.js";
import { defaultErrorFromBody } from "../src/vendor.js";

describe("response bodies", () => {
  it("parseBody: JSON when it parses, the text otherwise, nothing for an empty body", () => {
    expect(parseBody('{"a":1}')).toEqual({ a: 1 });
    expect(parseBody("<html>oops</html>")).toBe("<html>oops</html>");
    expect(parseBody("")).toBeUndefined();
  });

  it.each([
    ["application/json", true, true],
    ["Application/JSON; charset=utf-8", true, true],
    ["application/problem+json", true, true],
    ["text/html", false, true],
    ["application/xml", false, true],
    ["application/atom+xml", false, true],
    ["application/x-www-form-urlencoded", false, true],
    [null, false, true],
    ["", false, true],
    ["video/mp4", false, false],
    ["application/octet-stream", false, false],
    ["application/jsonl", false, false],
  ])("%j: JSON %s, document %s", (type, json, document) => {
    expect(isJsonType(type)).toBe(json);
    expect(isDocumentType(type)).toBe(document);
  });

  it("isDocumentType answers each type by itself when types alternate (the last verdict is kept)", () => {
    const types = ["application/json", "video/mp4", "video/mp4", "text/plain", "application/json"];
    expect(types.map((type) => isDocumentType(type))).toEqual([true, false, false, true, true]);
  });

  function streamOf(...chunks: string[]) {
    let cancelled = false;
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(encoder.encode(next));
      },
      cancel() {
        cancelled = true;
      },
    });
    return { stream, cancelled: () => cancelled };
  }

  it("readCappedText reads a short body whole", async () => {
    expect(await readCappedText(streamOf("ab", "cd", "é").stream, 100)).toBe("abcdé");
    expect(await readCappedText(null, 100)).toBe("");
  });

  it("readCappedText stops at the cap and cancels the rest", async () => {
    const body = streamOf("abcd", "efgh", "ijkl", "never read");
    expect(await readCappedText(body.stream, 6)).toBe("abcdef");
    expect(body.cancelled()).toBe(true);
    const exact = streamOf("abcd", "more");
    expect(await readCappedText(exact.stream, 4)).toBe("abcd");
    expect(exact.cancelled()).toBe(true);
  });

  it("readCappedText does not wait for more once the cap is reached (a body that never ends)", async () => {
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        // The first pull gives exactly the cap; any later one would wait forever.
        if (pulls++ === 0) controller.enqueue(new TextEncoder().encode("abcd"));
        else return new Promise(() => {});
      },
    });
    expect(await readCappedText(endless, 4)).toBe("abcd");
    expect(endless.locked).toBe(false);
  });

  it("readCappedText decodes a character split across chunks", async () => {
    const [first, second] = [new Uint8Array([0xc3]), new Uint8Array([0xa9])]; // "é"
    const split = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(first);
        controller.enqueue(second);
        controller.close();
      },
    });
    expect(await readCappedText(split, 100)).toBe("é");
  });
});

describe("per-request overrides", () => {
  it("ride beside the request's own headers in any form, which stay untouched", () => {
    const options = {
      maxRetries: 0,
      timeoutMs: 5,
      idleTimeoutMs: 6,
      retryPost: true,
      stream: false,
    };
    for (const headers of [new Headers({ a: "1" }), [["a", "1"]], { a: "1" }]) {
      const init = withRequestOptions({ method: "PUT", headers }, options);
      expect(init.method).toBe("PUT");
      expect(init.headers).toBe(headers);
      expect(requestOptionsOf(undefined, init)).toEqual(options);
    }
  });

  it("leave options that were not given unset", () => {
    const init = withRequestOptions({}, { timeoutMs: 9 });
    expect(requestOptionsOf(undefined, init)).toStrictEqual({ timeoutMs: 9 });
    expect(requestOptionsOf(undefined, {})).toBeUndefined();
    expect(requestOptionsOf("https://x.test", undefined)).toBeUndefined();
  });

  it.each([
    [{ maxRetries: 101 }, "maxRetries"],
    [{ maxRetries: -1 }, "maxRetries"],
    [{ maxRetries: Number.NaN }, "maxRetries"],
    [{ maxRetries: "2" }, "maxRetries"],
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ idleTimeoutMs: 1.5 }, "idleTimeoutMs"],
    [{ retryPost: "yes" }, "retryPost"],
    [{ stream: 1 }, "stream"],
  ])("%j is refused when the init is made, naming %s", (given, field) => {
    const error = (() => {
      try {
        withRequestOptions({}, given as RequestOptions);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect((error as ClipKitValidationError).field).toBe(field);
  });

  it("accept the range ends", () => {
    const init = withRequestOptions({}, { maxRetries: 100, timeoutMs: 1 });
    expect(requestOptionsOf(undefined, init)).toEqual({ maxRetries: 100, timeoutMs: 1 });
  });
});

describe("error bodies", () => {
  it.each([
    [
      { code: 124, message: "Invalid access token" },
      { code: 124, message: "Invalid access token" },
    ],
    [
      { error: "invalid_client", error_description: "bad" },
      { code: "invalid_client", message: "bad" },
    ],
    [{ reason: "quota" }, { message: "quota" }],
    [{ code: "E1" }, { code: "E1" }],
    [{ code: { nested: 1 }, message: 5 }, undefined],
    [{}, undefined],
    ["text", undefined],
    [null, undefined],
  ])("%j -> %j", (body, expected) => {
    expect(defaultErrorFromBody(body)).toEqual(expected);
  });
});
