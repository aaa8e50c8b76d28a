import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
});
