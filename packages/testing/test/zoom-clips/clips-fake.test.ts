import { describe, expect, it } from "vitest";
import { call, form, json, sha, useClipsFake } from "./helpers.js";

const start = useClipsFake();

describe("clip listings", () => {
  it("page with real tokens over every clip, each once, and refuse an expired token", async () => {
    const f = await start({ users: 2, clipsPerUser: 70 });
    const seen: string[] = [];
    let next = "";
    let pages = 0;
    do {
      const page = await call(
        f,
        "GET",
        "/clips",
        `/clips?user_id=me&page_size=30${next ? `&next_page_token=${next}` : ""}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((c: { clip_id: string }) => c.clip_id));
      next = page.body.next_page_token;
      pages++;
    } while (next);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(70);
    expect(new Set(seen).size).toBe(70);
    const first = await call(f, "GET", "/clips", "/clips?page_size=30");
    expect(first.body.total_records).toBe(140);
    expect((await call(f, "GET", "/clips", "/clips?page_size=29")).body.code).toBe(300);
    f.clock.advance(15 * 60_000);
    const late = await call(
      f,
      "GET",
      "/clips",
      `/clips?next_page_token=${first.body.next_page_token}`,
    );
    expect(late).toMatchObject({ status: 400, body: { code: 300 } });
  });

  it("reads, updates and deletes a clip", async () => {
    const f = await start();
    const clip = f.state.clips[0];
    if (!clip) throw new Error("no clip");
    expect((await call(f, "GET", "/clips/{clipId}", `/clips/${clip.id}`)).body.title).toBe(
      clip.title,
    );
    expect(
      (await call(f, "PATCH", "/clips/{clipId}", `/clips/${clip.id}`, json({ title: "Renamed" })))
        .status,
    ).toBe(204);
    expect((await call(f, "GET", "/clips/{clipId}", `/clips/${clip.id}`)).body.title).toBe(
      "Renamed",
    );
    expect((await call(f, "DELETE", "/clips/{clipId}", `/clips/${clip.id}`)).status).toBe(204);
    expect((await call(f, "GET", "/clips/{clipId}", `/clips/${clip.id}`)).body.code).toBe(2000);
  });
});

describe("transfers", () => {
  it("answer IN_PROCESS for a few polls, then SUCCESS, and the clips change owner", async () => {
    const f = await start({ transferPolls: 2 });
    const [source, target] = f.state.users;
    const clip = f.state.clips.find((c) => c.ownerId === source?.id);
    const created = await call(
      f,
      "POST",
      "/clips/transfers",
      "/clips/transfers",
      json({
        source_owner_user_id: source?.id,
        target_owner_user_id: target?.email,
        transfer_type: "PARTIAL_TRANSFER",
        clip_id_list: [clip?.id],
      }),
    );
    expect(created.status).toBe(201);
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push(
        (
          await call(
            f,
            "GET",
            "/clips/transfers/{taskId}",
            `/clips/transfers/${created.body.task_id}`,
          )
        ).body.status,
      );
    }
    expect(statuses).toEqual(["IN_PROCESS", "IN_PROCESS", "SUCCESS", "SUCCESS"]);
    expect(clip?.ownerId).toBe(target?.id);
  });

  it.each([
    { given: { transfer_type: "PARTIAL_TRANSFER" }, code: 10001 },
    { given: { transfer_type: "PARTIAL_TRANSFER", clip_id_list: ["nope"] }, code: 10002 },
  ])("refuse $given with code $code", async ({ given, code }) => {
    const f = await start();
    const [source, target] = f.state.users;
    const answer = await call(
      f,
      "POST",
      "/clips/transfers",
      "/clips/transfers",
      json({ source_owner_user_id: source?.id, target_owner_user_id: target?.id, ...given }),
    );
    expect(answer).toMatchObject({ status: 400, body: { code } });
  });
});

describe("uploads and downloads", () => {
  it("assemble a multipart upload in part order, check etags and part sizes, and serve the bytes back", async () => {
    const f = await start({ uploadRules: { minPartSize: 1000 } });
    const bytes = new Uint8Array(2500).map((_, i) => (i * 7) & 0xff);
    const create = await call(
      f,
      "POST",
      "/clips/files/multipart/upload_events",
      "/clips/files/multipart/upload_events",
      json({ method: "CreateMultipartUpload", params: { file_name: "big.mp4" } }),
    );
    const context = create.body.upload_context;
    const etags = [];
    for (const [n, [from, to]] of [
      [0, 1200],
      [1200, 2400],
      [2400, 2500],
    ].entries()) {
      const part = await call(
        f,
        "POST",
        "/clips/files/multipart",
        "/clips/files/multipart",
        form({ upload_context: context, part_number: String(n + 1) }, bytes.subarray(from, to)),
      );
      expect(part.status).toBe(201);
      etags.push(part.body.part_number_etag);
    }
    const wrong = await call(
      f,
      "POST",
      "/clips/files/multipart/upload_events",
      "/clips/files/multipart/upload_events",
      json({
        method: "CompleteMultipartUpload",
        params: { upload_context: context, part_number_etags: [etags[1], etags[0], etags[2]] },
      }),
    );
    expect(wrong.body.code).toBe(300);
    const done = await call(
      f,
      "POST",
      "/clips/files/multipart/upload_events",
      "/clips/files/multipart/upload_events",
      json({
        method: "CompleteMultipartUpload",
        params: { upload_context: context, part_number_etags: etags },
      }),
    );
    expect(done.status).toBe(201);
    expect(f.state.sha256(done.body.clip_id)).toBe(sha(bytes));
    const hop = await call(
      f,
      "GET",
      "/clips/{clipId}/download",
      `/clips/${done.body.clip_id}/download`,
    );
    expect(hop.status).toBe(302);
    const location = hop.headers.get("location") ?? "";
    expect(location.startsWith(f.cdnUrl)).toBe(true);
    expect(sha(await (await fetch(location)).arrayBuffer())).toBe(sha(bytes));
    expect(f.state.credentialLeaks()).toEqual([]);
  });

  it("refuse a too-small middle part at completion", async () => {
    const f = await start();
    const create = await call(
      f,
      "POST",
      "/clips/files/multipart/upload_events",
      "/clips/files/multipart/upload_events",
      json({ method: "CreateMultipartUpload", params: { file_name: "x.mp4" } }),
    );
    const context = create.body.upload_context;
    const etags = [];
    for (const n of [1, 2]) {
      etags.push(
        (
          await call(
            f,
            "POST",
            "/clips/files/multipart",
            "/clips/files/multipart",
            form({ upload_context: context, part_number: String(n) }, new Uint8Array(10)),
          )
        ).body.part_number_etag,
      );
    }
    const done = await call(
      f,
      "POST",
      "/clips/files/multipart/upload_events",
      "/clips/files/multipart/upload_events",
      json({
        method: "CompleteMultipartUpload",
        params: { upload_context: context, part_number_etags: etags },
      }),
    );
    expect(done.body.message).toMatch(/part 1 is smaller than 5242880 bytes/);
  });

  it("take a single upload", async () => {
    const f = await start();
    const bytes = new Uint8Array(5000).fill(9);
    const done = await call(f, "POST", "/clips/files", "/clips/files", form({}, bytes));
    expect(done.status).toBe(201);
    expect(f.state.sha256(done.body.clip_id)).toBe(sha(bytes));
  });
});
