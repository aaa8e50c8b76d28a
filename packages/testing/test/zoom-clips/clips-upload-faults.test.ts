// The Clips fake's file API under faults, its request log, and the options upload and download
// tests (and the upload bench) rely on.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ZoomClipsFake } from "../../src/index.js";
import { call, form, json, sha, useClipsFake } from "./helpers.js";

const start = useClipsFake();
const EVENTS = "/clips/files/multipart/upload_events";
const PART = "/clips/files/multipart";
const SINGLE = "/clips/files";

const event = (f: ZoomClipsFake, body: unknown) => call(f, "POST", EVENTS, EVENTS, json(body));
const create = async (f: ZoomClipsFake) =>
  (await event(f, { method: "CreateMultipartUpload", params: { file_name: "a.mp4" } })).body
    .upload_context as string;
const part = (f: ZoomClipsFake, context: string, n: number, bytes: Uint8Array<ArrayBuffer>) =>
  call(f, "POST", PART, PART, form({ upload_context: context, part_number: String(n) }, bytes));
const complete = (f: ZoomClipsFake, context: string, etags: unknown) =>
  event(f, {
    method: "CompleteMultipartUpload",
    params: { upload_context: context, part_number_etags: etags },
  });
const bytesOf = (size: number, seed = 1) =>
  new Uint8Array(Array.from({ length: size }, (_, i) => (i * 31 + seed) & 0xff));

describe("upload faults, picked by what the fake reads of a request", () => {
  it("hit only the part number, event or host they name, as often as asked", async () => {
    const f = await start({ users: 1, clipsPerUser: 0, uploadRules: { minPartSize: 1 } });
    f.faults.serverError({ status: 503, on: "upload", when: (r) => r.partNumber === 2 });
    f.faults.rateLimit({
      retryAfterSeconds: 7,
      on: "upload",
      when: (r) => r.event === "CompleteMultipartUpload",
    });
    f.faults.serverError({ on: "upload", when: (r) => r.host.startsWith("localhost") });
    const context = await create(f);
    const one = await part(f, context, 1, bytesOf(3));
    expect(one.status).toBe(201);
    expect((await part(f, context, 2, bytesOf(3))).status).toBe(503);
    const two = await part(f, context, 2, bytesOf(3));
    expect(two.status).toBe(201);
    const etags = [one.body.part_number_etag, two.body.part_number_etag];
    const limited = await complete(f, context, etags);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("x-ratelimit-type")).toBe("QPS");
    expect((await complete(f, context, etags)).status).toBe(201);
    const log = f.state.requests.map((r) => [r.target, r.partNumber ?? r.event, r.status]);
    expect(log).toEqual([
      ["upload", "CreateMultipartUpload", 201],
      ["upload", 1, 201],
      ["upload", 2, 503],
      ["upload", 2, 201],
      ["upload", "CompleteMultipartUpload", 429],
      ["upload", "CompleteMultipartUpload", 201],
    ]);
    // The fault for the other host name is still armed: nothing here went through `localhost`.
    const other = await fetch(`http://localhost:${new URL(f.origin).port}/fileapi/v2${EVENTS}`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.issueToken()}` },
      body: JSON.stringify({ method: "CreateMultipartUpload" }),
    });
    expect(other.status).toBe(500);
  });

  it("log each upload's host, credential presence, length and file bytes, never the token", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const token = f.issueToken();
    const file = bytesOf(1000);
    const response = await fetch(`${f.fileBaseUrl}${SINGLE}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
      ...form({}, file),
    });
    expect(response.status).toBe(201);
    const [entry] = f.state.requests;
    expect(entry).toMatchObject({
      target: "upload",
      method: "POST",
      path: `/fileapi/v2${SINGLE}`,
      host: new URL(f.origin).host,
      authorization: true,
      fileBytes: 1000,
      status: 201,
    });
    expect(entry?.contentLength).toBeGreaterThan(1000);
    expect(JSON.stringify(f.state.requests)).not.toContain(token);
  });

  it("cut a single upload after so many file bytes: no answer, no clip", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    f.faults.resetConnection({ on: "upload", afterBytes: 100_000 });
    const failure = await call(f, "POST", SINGLE, SINGLE, form({}, bytesOf(400_000))).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(Error);
    const [entry] = f.state.requests;
    expect(entry?.reset).toBe(true);
    expect(entry?.status).toBe(0);
    expect(entry?.fileBytes).toBeGreaterThanOrEqual(100_000);
    expect(entry?.fileBytes).toBeLessThan(400_000);
    expect(f.state.clips).toHaveLength(0);
    expect((await call(f, "POST", SINGLE, SINGLE, form({}, bytesOf(10)))).status).toBe(201);
  });

  it("cut a single upload at exactly afterBytes, or before any file byte with 0", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    f.faults.resetConnection({ on: "upload", afterBytes: 1000 });
    f.faults.resetConnection({ on: "upload" });
    for (let i = 0; i < 2; i++) {
      await expect(call(f, "POST", SINGLE, SINGLE, form({}, bytesOf(1000)))).rejects.toThrow();
    }
    expect(f.state.requests.map((r) => [r.reset, r.fileBytes])).toEqual([
      [true, 1000],
      [true, undefined],
    ]);
    expect(f.state.clips).toHaveLength(0);
  });

  it("cut a part after so many file bytes: no answer, no part", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const context = await create(f);
    f.faults.resetConnection({
      on: "upload",
      afterBytes: 100_000,
      when: (r) => r.partNumber === 1,
    });
    await expect(part(f, context, 1, bytesOf(400_000))).rejects.toThrow();
    const entry = f.state.requests.at(-1);
    expect(entry).toMatchObject({ partNumber: 1, reset: true, status: 0 });
    expect(entry?.fileBytes).toBeLessThan(400_000);
    expect(f.state.uploads.get(context)?.parts.size).toBe(0);
  });

  it("refuse an upload event whose body is JSON null, and a streamed single upload without a file", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const answer = await call(f, "POST", EVENTS, EVENTS, {
      body: "null",
      headers: { "content-type": "application/json" },
    });
    expect(answer).toMatchObject({ status: 400, body: { code: 300, message: "Unknown method." } });
    const fields = new FormData();
    fields.append("note", "no file");
    const encoded = new Response(fields);
    const streamed = await fetch(`${f.fileBaseUrl}${SINGLE}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${f.issueToken()}`,
        "content-type": encoded.headers.get("content-type") ?? "",
      },
      body: encoded.body,
      duplex: "half",
    } as RequestInit);
    expect([streamed.status, await streamed.json()]).toEqual([
      400,
      { code: 300, message: "A file part is required." },
    ]);
    // Sent in chunks: no content-length to log.
    expect(f.state.requests.at(-1)).not.toHaveProperty("contentLength");
  });

  it("cut an event before any answer, delay a part's answer, answer what a test asks", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    f.faults.resetConnection({ on: "upload", when: (r) => r.event === "CreateMultipartUpload" });
    await expect(create(f)).rejects.toThrow();
    expect(f.state.requests[0]).toMatchObject({ event: "CreateMultipartUpload", reset: true });
    const context = await create(f);
    f.faults.delay({ ms: 150, on: "upload", when: (r) => r.partNumber === 1 });
    const started = Date.now();
    expect((await part(f, context, 1, bytesOf(5))).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    f.faults.answer({ status: 201, body: { message: "ok" }, on: "upload" });
    const response = await fetch(`${f.fileBaseUrl}${SINGLE}`, {
      method: "POST",
      headers: { authorization: `Bearer ${f.issueToken()}` },
      ...form({}, bytesOf(5)),
    });
    expect(await response.json()).toEqual({ message: "ok" });
    expect(f.state.clips).toHaveLength(0);
  });

  it("redirect an upload, or take its body and never answer", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    f.faults.redirect({ location: "http://elsewhere.invalid/up", on: "upload" });
    const moved = await call(f, "POST", SINGLE, SINGLE, form({}, bytesOf(5)));
    expect(moved.status).toBe(307);
    expect(moved.headers.get("location")).toBe("http://elsewhere.invalid/up");
    f.faults.silence({ on: "upload" });
    const signal = AbortSignal.timeout(300);
    await expect(
      fetch(`${f.fileBaseUrl}${SINGLE}`, {
        method: "POST",
        headers: { authorization: `Bearer ${f.issueToken()}` },
        signal,
        ...form({}, bytesOf(5)),
      }),
    ).rejects.toMatchObject({ name: "TimeoutError" });
    expect(f.state.requests.at(-1)?.fileBytes).toBe(5);
  });
});

describe("options for upload tests and benches", () => {
  it("keepUploadBytes: false keeps sizes and hashes only (a multipart clip: its parts' hashes)", async () => {
    const f = await start({
      users: 1,
      clipsPerUser: 0,
      keepUploadBytes: false,
      uploadRules: { minPartSize: 1 },
    });
    const single = await call(f, "POST", SINGLE, SINGLE, form({}, bytesOf(70, 2), "s.mp4"));
    const clip = f.state.clips.find((c) => c.id === single.body.clip_id);
    expect(clip).toMatchObject({ size: 70, uploadedVia: "single", title: "s.mp4" });
    expect(clip?.bytes).toBeUndefined();
    expect(f.state.sha256(single.body.clip_id)).toBe(sha(bytesOf(70, 2)));
    const context = await create(f);
    const a = await part(f, context, 1, bytesOf(4, 3));
    const b = await part(f, context, 2, bytesOf(6, 4));
    expect(f.state.uploads.get(context)?.parts.get(1)?.bytes).toBeUndefined();
    const done = await complete(f, context, [a.body.part_number_etag, b.body.part_number_etag]);
    const multi = f.state.clips.find((c) => c.id === done.body.clip_id);
    expect(multi).toMatchObject({ size: 10, uploadedVia: "multipart" });
    expect(f.state.sha256(done.body.clip_id)).toBe(`${sha(bytesOf(4, 3))},${sha(bytesOf(6, 4))}`);
  });

  it("keeps bytes by default and counts each part received whole", async () => {
    const f = await start({ users: 1, clipsPerUser: 0, uploadRules: { minPartSize: 1 } });
    const context = await create(f);
    await part(f, context, 1, bytesOf(4));
    await part(f, context, 1, bytesOf(4));
    const stored = f.state.uploads.get(context)?.parts.get(1);
    expect(stored?.received).toBe(2);
    expect(stored?.bytes).toEqual(Buffer.from(bytesOf(4)));
    expect(stored?.etag).toBe(
      createHash("md5")
        .update(sha(bytesOf(4)))
        .digest("hex"),
    );
  });

  it("uploadsNeedToken: false takes uploads without a token; the API still wants one", async () => {
    const open = await start({ users: 1, clipsPerUser: 0, uploadsNeedToken: false });
    const anonymous = await fetch(`${open.fileBaseUrl}${SINGLE}`, {
      method: "POST",
      ...form({}, bytesOf(5)),
    });
    expect(anonymous.status).toBe(201);
    expect(open.state.requests[0]?.authorization).toBe(false);
    expect((await fetch(`${open.baseUrl}/clips`)).status).toBe(401);
  });

  it("a fake wants a token for uploads by default", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const anonymous = await fetch(`${f.fileBaseUrl}${SINGLE}`, {
      method: "POST",
      ...form({}, bytesOf(5)),
    });
    expect(anonymous.status).toBe(401);
  });

  it("bearerTokens: a fixed token works for the API and uploads; others do not", async () => {
    const f = await start({ users: 1, clipsPerUser: 1, bearerTokens: ["fixed"] });
    const headers = { authorization: "Bearer fixed" };
    expect((await fetch(`${f.baseUrl}/clips`, { headers })).status).toBe(200);
    const upload = await fetch(`${f.fileBaseUrl}${SINGLE}`, {
      method: "POST",
      headers,
      ...form({}, bytesOf(5)),
    });
    expect(upload.status).toBe(201);
    const wrong = { authorization: "Bearer fixed2" };
    expect((await fetch(`${f.baseUrl}/clips`, { headers: wrong })).status).toBe(401);
  });

  it("state.maxActiveParts is the most parts in flight at once, and can be reset", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const context = await create(f);
    f.faults.delay({ ms: 100, on: "upload", count: 3, when: (r) => r.partNumber !== undefined });
    await Promise.all([1, 2, 3].map((n) => part(f, context, n, bytesOf(5))));
    expect(f.state.maxActiveParts).toBe(3);
    f.state.maxActiveParts = 0;
    await part(f, context, 4, bytesOf(5));
    expect(f.state.maxActiveParts).toBe(1);
  });
});

describe("downloads of a clip a test adds", () => {
  const download = async (f: ZoomClipsFake, id: string, headers: Record<string, string> = {}) => {
    const auth = { authorization: `Bearer ${f.issueToken()}` };
    const hop = await fetch(`${f.baseUrl}/clips/${id}/download`, {
      headers: auth,
      redirect: "manual",
    });
    return fetch(hop.headers.get("location") ?? "", { headers });
  };

  it("serves its bytes with a content ETag that changes with them", async () => {
    const f = await start({ users: 1, clipsPerUser: 0 });
    const bytes = Buffer.from(bytesOf(1000));
    const clip = f.state.addClip({ id: "Abc123", bytes });
    expect(clip).toMatchObject({ id: "Abc123", size: 1000, status: "RECORD_SUCCESS" });
    const whole = await download(f, "Abc123");
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(bytes);
    const etag = `"${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}"`;
    expect(whole.headers.get("etag")).toBe(etag);
    const ranged = await download(f, "Abc123", { range: "bytes=990-", "if-range": etag });
    expect(ranged.status).toBe(206);
    expect(f.state.cdnRequests.at(-1)).toMatchObject({ range: "bytes=990-", ifRange: etag });
    clip.bytes = Buffer.from(bytesOf(1000, 9));
    const changed = await download(f, "Abc123", { range: "bytes=990-", "if-range": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("cdnRanges: false sends the whole file whatever the Range; a CDN delay holds it back", async () => {
    const f = await start({ users: 1, clipsPerUser: 0, cdnRanges: false });
    f.state.addClip({ id: "Xyz", bytes: Buffer.from(bytesOf(100)) });
    const answer = await download(f, "Xyz", { range: "bytes=10-" });
    expect(answer.status).toBe(200);
    expect((await answer.arrayBuffer()).byteLength).toBe(100);
    f.faults.delay({ ms: 150, on: "cdn" });
    const started = Date.now();
    await (await download(f, "Xyz")).arrayBuffer();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
