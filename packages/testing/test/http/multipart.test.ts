import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../../src/http/free-port.js";
import {
  type LoopbackServer,
  listenOnLoopback,
  readBody,
  sendJson,
} from "../../src/http/listen.js";
import { MultipartParser, partName } from "../../src/http/multipart-parser.js";
import { type ParsedForm, readMultipartForm } from "../../src/http/read-form.js";

interface Part {
  headers: Record<string, string>;
  chunks: Buffer[];
  ended: boolean;
}

function parse(body: Buffer | string, boundary: string, split: number[] = []) {
  const parts: Part[] = [];
  const parser = new MultipartParser(boundary, (headers) => {
    const part: Part = { headers, chunks: [], ended: false };
    parts.push(part);
    return {
      write: (c) => part.chunks.push(Buffer.from(c)),
      end() {
        part.ended = true;
      },
    };
  });
  const bytes = Buffer.from(body);
  let at = 0;
  for (const cut of [...split, bytes.length]) {
    parser.write(bytes.subarray(at, cut));
    at = cut;
  }
  return {
    parts,
    finished: parser.finished,
    text: (i: number) => Buffer.concat(parts[i]?.chunks ?? []).toString(),
  };
}

const BODY =
  "preamble\r\n--XyZ\r\n" +
  'Content-Disposition: form-data; name="a"\r\nX-Extra :  spaced \r\nno-colon-line\r\n\r\n' +
  "first\r\nvalue\r\n--XyZ\r\n" +
  'Content-Disposition: form-data; name="file"; filename="f.bin"\r\nContent-Type: video/mp4\r\n\r\n' +
  "\r\n--Xy not a boundary --XyZZ\r\n--XyZ--\r\nepilogue";

describe("MultipartParser", () => {
  it("splits parts at the boundary, with lower-cased trimmed headers", () => {
    const { parts, finished, text } = parse(BODY, "XyZ");
    expect(finished).toBe(true);
    expect(parts).toHaveLength(2);
    expect(parts[0]?.headers).toEqual({
      "content-disposition": 'form-data; name="a"',
      "x-extra": "spaced",
    });
    expect(text(0)).toBe("first\r\nvalue");
    expect(text(1)).toBe("\r\n--Xy not a boundary --XyZZ");
    expect(parts.every((p) => p.ended)).toBe(true);
  });

  it("gives the same parts whatever the chunking, byte by byte included", () => {
    const whole = parse(BODY, "XyZ");
    const bytes = Buffer.from(BODY);
    const everyByte = parse(
      BODY,
      "XyZ",
      Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
    );
    expect(everyByte.parts.map((p) => p.headers)).toEqual(whole.parts.map((p) => p.headers));
    expect([everyByte.text(0), everyByte.text(1)]).toEqual([whole.text(0), whole.text(1)]);
    expect(everyByte.finished).toBe(true);
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const two = parse(BODY, "XyZ", [cut]);
      expect([two.text(0), two.text(1)], `cut at ${cut}`).toEqual([whole.text(0), whole.text(1)]);
    }
  });

  it("streams a large body to the sink in pieces, holding back only a possible delimiter start", () => {
    const big = Buffer.alloc(100_000, 0x61);
    const body = Buffer.concat([
      Buffer.from('--b\r\ncontent-disposition: form-data; name="f"\r\n\r\n'),
      big,
      Buffer.from("\r\n--b--"),
    ]);
    const { parts } = parse(body, "b", [40_000, 40_001, 100_050]);
    expect(parts[0]?.chunks.length).toBeGreaterThan(1);
    expect(Buffer.concat(parts[0]?.chunks ?? []).equals(big)).toBe(true);
    // Written as it arrives: the first write is the first chunk's body bytes.
    expect(parts[0]?.chunks[0]?.length).toBe(40_000 - 49);
  });

  it("is not finished without the closing delimiter", () => {
    const { finished, parts } = parse("--b\r\nname: x\r\n\r\nbody", "b");
    expect(finished).toBe(false);
    expect(parts[0]?.ended).toBe(false);
    expect(parse("--b\r\n", "b").finished).toBe(false);
    expect(parse("--b-", "b").finished).toBe(false);
  });

  it("ignores everything after the closing delimiter", () => {
    const parser = new MultipartParser("b", () => {
      throw new Error("no part expected");
    });
    parser.write(Buffer.from("--b--"));
    parser.write(Buffer.from("\r\n--b\r\nname: x\r\n\r\n"));
    expect(parser.finished).toBe(true);
  });

  it("throws on garbage after a boundary and on endless part headers", () => {
    expect(() => parse("--bXY", "b")).toThrow("malformed multipart body after a boundary");
    expect(() => parse(`--b\r\n${"h".repeat(16 * 1024 + 1)}`, "b")).toThrow(
      "part headers too long",
    );
    expect(() => parse(`--b\r\n${"h".repeat(16 * 1024)}`, "b")).not.toThrow();
  });

  it("partName reads name and filename", () => {
    expect(partName('form-data; name="file"; filename="a b.mp4"')).toEqual({
      name: "file",
      filename: "a b.mp4",
    });
    expect(partName('form-data; name=""')).toEqual({ name: "" });
    expect(partName('form-data; filename="x"')).toEqual({ filename: "x" });
    expect(partName('form-data; xname="n"')).toEqual({});
    expect(partName(undefined)).toEqual({});
    // A missing name or filename is absent, not an undefined property (`"filename" in part`).
    expect(Object.keys(partName('form-data; name="n"'))).toEqual(["name"]);
    expect(Object.keys(partName('form-data; filename="f"'))).toEqual(["filename"]);
  });

  it("passes on at once every byte that cannot start a delimiter, never an empty chunk", () => {
    const head = '--b\r\ncontent-disposition: form-data; name="f"\r\n\r\n';
    // Ends in "\r" + "x": a carriage return, but not the start of "\r\n--b".
    const first = parse(`${head}abc\r\nx`, "b");
    expect(first.text(0)).toBe("abc\r\nx");
    // Ends in "\r\n-": that may be a delimiter, so it is held back until the next bytes.
    const held = parse(`${head}abc\r\n-`, "b");
    expect(held.text(0)).toBe("abc");
    const byteByByte = parse(
      `${head}abc\r\n--b--`,
      "b",
      Array.from({ length: head.length + 9 }, (_, i) => i + 1),
    );
    expect(byteByByte.text(0)).toBe("abc");
    expect(byteByByte.parts[0]?.chunks.every((c) => c.length > 0)).toBe(true);
  });

  it("ignores a part header line without a name before its colon", () => {
    const { parts } = parse("--b\r\n: no name\r\nname: x\r\n\r\nv\r\n--b--", "b");
    expect(parts[0]?.headers).toEqual({ name: "x" });
  });
});

describe("readMultipartForm", () => {
  let server: LoopbackServer | undefined;
  afterEach(() => server?.close());

  async function post(body: Buffer | string | FormData, contentType?: string) {
    let got: ParsedForm | undefined;
    server = await listenOnLoopback(async (req, res) => {
      got = await readMultipartForm(req);
      res.end();
    });
    const response = await fetch(server.origin, {
      method: "POST",
      body: body instanceof FormData ? body : new Uint8Array(Buffer.from(body)),
      ...(contentType ? { headers: { "content-type": contentType } } : {}),
    });
    await response.arrayBuffer();
    await server.close();
    server = undefined;
    return got as ParsedForm | undefined;
  }

  it("reads text fields and files with their size, hash, name and type", async () => {
    const form = new FormData();
    form.append("title", "Grüße");
    form.append("file", new Blob([new Uint8Array([1, 2, 3])], { type: "video/mp4" }), "c.mp4");
    form.append("plain", new Blob([new Uint8Array([4])]), "p.bin");
    const got = (await post(form)) as ParsedForm;
    expect(got.fields).toEqual({ title: "Grüße" });
    expect(got.files.file).toEqual({
      bytes: Buffer.from([1, 2, 3]),
      size: 3,
      sha256: "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81",
      filename: "c.mp4",
      contentType: "video/mp4",
    });
    expect(got.files.plain?.filename).toBe("p.bin");
  });

  it("takes a quoted boundary and skips parts without a name", async () => {
    const body =
      '--q b\r\ncontent-disposition: form-data\r\n\r\nx\r\n--q b\r\ncontent-disposition: form-data; name="n"\r\n\r\nv\r\n--q b--';
    expect(await post(body, 'multipart/form-data; boundary="q b"')).toEqual({
      fields: { n: "v" },
      files: {},
    });
    expect(
      await post(body.replaceAll("q b", "qb"), "multipart/form-data; boundary=qb; charset=x"),
    ).toEqual({ fields: { n: "v" }, files: {} });
  });

  it("is undefined for a body that is not multipart, malformed or cut short", async () => {
    expect(await post("{}", "application/json")).toBeUndefined();
    expect(
      await post("--b\r\nname: x\r\n\r\nv", "multipart/form-data; boundary=b"),
    ).toBeUndefined();
    expect(await post("--bXX", "multipart/form-data; boundary=b")).toBeUndefined();
  });
});

describe("loopback helpers", () => {
  it("freePort gives a port nothing listens on", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    await expect(freePort("256.0.0.1")).rejects.toThrow();
  });

  it("listenOnLoopback names its origin by the given host and closes open keep-alive sockets", async () => {
    const server = await listenOnLoopback(
      (_req, res) => sendJson(res, 201, { a: "é" }, { "x-b": 1 }),
      "localhost",
    );
    expect(server.origin).toBe(`http://localhost:${server.port}`);
    expect(server.server.address()).toMatchObject({ address: "127.0.0.1", port: server.port });
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(201);
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength('{"a":"é"}')));
    expect(response.headers.get("x-b")).toBe("1");
    expect(await response.json()).toEqual({ a: "é" });
    // The keep-alive socket of that fetch stays open; close must not wait for it.
    const began = Date.now();
    await server.close();
    expect(Date.now() - began).toBeLessThan(1000);
    expect(server.server.listening).toBe(false);
  });

  it("close does not wait for a request still being answered", async () => {
    const server = await listenOnLoopback((_req, res) => {
      res.writeHead(200);
      res.write("partial");
    });
    const response = await fetch(server.origin);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const began = Date.now();
    await server.close();
    expect(Date.now() - began).toBeLessThan(1000);
    await expect(reader.read()).rejects.toThrow();
  });

  it("readBody reads a body up to its limit, or the body the spec gate read already", async () => {
    const results: Array<string> = [];
    const server = await listenOnLoopback(async (req, res) => {
      try {
        results.push((await readBody(req, 10)).toString());
      } catch (error) {
        results.push((error as Error).message);
      }
      res.end();
    });
    const send = (body: string) =>
      new Promise<void>((resolve, reject) => {
        const req = request(`${server.origin}/`, { method: "POST" }, (res) => {
          res.resume();
          res.on("end", resolve);
        });
        req.on("error", reject);
        req.end(body);
      });
    await send("0123456789");
    await send("0123456789A");
    await server.close();
    expect(results).toEqual(["0123456789", "request body over 10 bytes"]);
    const preread = Object.assign(Object.create(null), { preread: Buffer.from("kept") });
    expect((await readBody(preread)).toString()).toBe("kept");
  });
});
