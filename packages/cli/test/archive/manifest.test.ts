import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ManifestEntry, openManifest } from "../../src/archive/manifest.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "clipkit-manifest-"));
  dirs.push(dir);
  return dir;
};

const entry = (fileId: string, status: ManifestEntry["status"] = "verified"): ManifestEntry => ({
  fileId,
  user: "me",
  meetingUuid: "u==",
  meetingId: 1,
  topic: "t",
  startTime: undefined,
  fileType: "MP4",
  recordingType: "active_speaker",
  path: `me/m/${fileId}.mp4`,
  size: 3,
  sha256: "ab",
  status,
  at: "2024-01-01T00:00:00.000Z",
});

describe("manifest.jsonl", () => {
  it("keeps every recorded line across a reopen; the latest entry of a file wins", async () => {
    const dir = tempDir();
    const manifest = await openManifest(dir);
    await Promise.all([manifest.record(entry("a")), manifest.record(entry("b"))]);
    await manifest.record(entry("a", "trashed"));
    await manifest.close();
    const again = await openManifest(dir);
    expect([...again.entries.keys()].sort()).toEqual(["a", "b"]);
    expect(again.entries.get("a")?.status).toBe("trashed");
  });

  it("a line a kill cut short is ignored, and the next line still starts on its own", async () => {
    const dir = tempDir();
    const manifest = await openManifest(dir);
    await manifest.record(entry("a"));
    await manifest.close();
    appendFileSync(join(dir, "manifest.jsonl"), '{"fileId":"b","sha2');
    const reopened = await openManifest(dir);
    expect([...reopened.entries.keys()]).toEqual(["a"]);
    await reopened.record(entry("c"));
    await reopened.close();
    expect([...(await openManifest(dir)).entries.keys()]).toEqual(["a", "c"]);
  });

  it("compact rewrites one line per file", async () => {
    const dir = tempDir();
    const manifest = await openManifest(dir);
    await manifest.record(entry("a"));
    await manifest.record(entry("a", "trashed"));
    await manifest.compact();
    const lines = readFileSync(join(dir, "manifest.jsonl"), "utf8").trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).status)).toEqual(["trashed"]);
  });

  it("one line per record, no blank line, across reopen and compaction", async () => {
    const dir = tempDir();
    const path = join(dir, "manifest.jsonl");
    const line = (id: string, status?: ManifestEntry["status"]) =>
      `${JSON.stringify(entry(id, status))}\n`;
    const first = await openManifest(dir);
    await first.record(entry("a"));
    await first.close();
    expect(readFileSync(path, "utf8")).toBe(line("a"));
    const second = await openManifest(dir);
    await second.record(entry("b"));
    await second.record(entry("a", "trashed"));
    await second.compact();
    expect(readFileSync(path, "utf8")).toBe(line("a", "trashed") + line("b"));
    await second.record(entry("c"));
    await second.close();
    expect(readFileSync(path, "utf8")).toBe(line("a", "trashed") + line("b") + line("c"));
  });

  it("close() waits for the records not yet written", async () => {
    const dir = tempDir();
    const manifest = await openManifest(dir);
    void manifest.record(entry("a"));
    void manifest.record(entry("b"));
    await manifest.close();
    expect(readFileSync(join(dir, "manifest.jsonl"), "utf8").trim().split("\n")).toHaveLength(2);
  });

  it("lines without a string fileId and sha256 are ignored, as are blank ones", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "manifest.jsonl"),
      [
        JSON.stringify(entry("a")),
        "",
        '{"fileId":"b"}',
        '{"sha256":"ab"}',
        '{"fileId":3,"sha256":"ab"}',
        '{"fileId":"c","sha256":null}',
        "   ",
        "",
      ].join("\n"),
    );
    expect([...(await openManifest(dir)).entries.keys()]).toEqual(["a"]);
  });

  it("a manifest it cannot read is an error, not an empty archive", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "manifest.jsonl"));
    await expect(openManifest(dir)).rejects.toMatchObject({ code: "EISDIR" });
  });

  it("keepRecorded: false keeps what it records in the file only; compact still leaves the latest line per file, in first order", async () => {
    const dir = tempDir();
    const path = join(dir, "manifest.jsonl");
    const line = (id: string, status?: ManifestEntry["status"]) =>
      `${JSON.stringify(entry(id, status))}\n`;
    writeFileSync(path, `${line("a")}\n${line("b")}{"fileId":"c","sha2`);
    const manifest = await openManifest(dir, { keepRecorded: false });
    expect([...manifest.entries.keys()]).toEqual(["a", "b"]);
    await manifest.record(entry("c"));
    await manifest.record(entry("a", "trashed"));
    await manifest.record(entry("d"));
    // Not looked up again: an earlier run's entry of a recorded file is no longer the latest.
    expect([...manifest.entries.keys()]).toEqual(["b"]);
    await manifest.compact();
    expect(readFileSync(path, "utf8")).toBe(
      line("a", "trashed") + line("b") + line("c") + line("d"),
    );
  });

  it("compact leaves a manifest without stale lines as it is", async () => {
    const dir = tempDir();
    const path = join(dir, "manifest.jsonl");
    const manifest = await openManifest(dir, { keepRecorded: false });
    await manifest.record(entry("a"));
    await manifest.record(entry("b"));
    const before = statSync(path);
    await manifest.compact();
    expect(statSync(path).ino).toBe(before.ino);
    // A file an earlier run recorded, recorded again: its first line is stale.
    const again = await openManifest(dir, { keepRecorded: false });
    await again.record(entry("a", "trashed"));
    await again.compact();
    expect(statSync(path).ino).not.toBe(before.ino);
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).fileId)).toEqual(["a", "b"]);
    expect(JSON.parse(lines[0] ?? "").status).toBe("trashed");
  });
});
