// runArchive's decisions (what to skip, download, trash or keep) on listings the Zoom fake does
// not give: files without a download URL, a file without an ID (Zoom's TIMELINE), meetings without
// files, a meeting two users share.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ConnectionError, NotFoundError, toAuthProvider } from "@clipkit/core";
import {
  createZoomCloudRecordingClient,
  type RecordingMeeting,
} from "@clipkit/zoom-cloud-recording";
import { afterEach, describe, expect, it } from "vitest";
import type { ArchiveEvent } from "../../src/archive/events.js";
import { FAILED_IN_A_ROW, ListedSizeMismatchError } from "../../src/archive/failure-streak.js";
import { archivePath } from "../../src/archive/layout.js";
import type { ManifestEntry } from "../../src/archive/manifest.js";
import { recordingSource } from "../../src/archive/recording-source.js";
import { LISTED_AHEAD, runArchive } from "../../src/archive/run-archive.js";
import type { ArchiveSource } from "../../src/archive/source.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const url = (id: string) => `https://zoom.example/rec/download/${id}`;
const meetings: RecordingMeeting[] = [
  {
    uuid: "a==",
    id: 1,
    topic: "All good",
    start_time: "2024-01-02T10:00:00Z",
    recording_files: [
      {
        id: "f1",
        download_url: url("f1"),
        file_size: 10,
        recording_type: "shared_screen",
        file_extension: "MP4",
      },
      {
        id: "f2",
        download_url: url("f2"),
        file_size: 20,
        recording_type: "audio_only",
        file_extension: "M4A",
      },
    ],
  },
  {
    uuid: "b==",
    id: 2,
    topic: "Partly downloadable",
    start_time: "2024-01-03T10:00:00Z",
    recording_files: [
      {
        id: "f3",
        download_url: url("f3"),
        file_size: 5,
        recording_type: "chat_file",
        file_extension: "TXT",
      },
      { id: "f4", file_size: 7, recording_type: "timeline", file_extension: "JSON" },
      // As in Zoom's own example listing: a TIMELINE file has a download URL and no ID or size.
      { file_type: "TIMELINE", download_url: url("cc33ekldfdjfhf3-aaaaa") },
    ],
  },
  { uuid: "c==", id: 3, start_time: "2024-01-04T10:00:00Z", recording_files: [] },
  {
    id: 4,
    topic: "No UUID",
    recording_files: [{ id: "f5", download_url: url("f5"), file_size: 1 }],
  },
];

/** A client whose every listing page holds `meetings`; the URLs it was asked for. */
function listingClient() {
  const asked: string[] = [];
  const client = createZoomCloudRecordingClient({
    auth: toAuthProvider("t0ken"),
    baseUrl: "https://api.zoom.example/v2",
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      asked.push(new Request(input, init).url);
      return Response.json({
        page_size: 300,
        total_records: meetings.length,
        next_page_token: "",
        meetings,
      });
    },
  });
  return { client, asked };
}

async function archive(options: { trashAfter: boolean; out?: string; users?: string[] }) {
  const out = options.out ?? mkdtempSync(join(tmpdir(), "clipkit-run-archive-"));
  if (!options.out) dirs.push(out);
  const { client, asked } = listingClient();
  const events: ArchiveEvent[] = [];
  const range = { from: "2024-01-01", to: "2024-01-31" };
  const result = await runArchive({
    source: recordingSource(client, {
      auth: toAuthProvider("t0ken"),
      trustedOrigins: [],
      maxRetries: 0,
      ...range,
    }),
    users: (options.users ?? ["me", "other@example.com"]).map((id) => ({ id, name: id })),
    ...range,
    out,
    concurrency: 2,
    trashAfter: options.trashAfter,
    dryRun: true,
    signal: new AbortController().signal,
    secrets: [],
    emit: (event) => events.push(event),
  });
  return { result, events, asked, out };
}

const path = (meeting: number, file: number) => {
  const { recording_files, ...rest } = meetings[meeting] ?? {};
  return archivePath("me", { uuid: "", ...rest }, recording_files?.[file] ?? {});
};

describe("runArchive --dry-run", () => {
  it("lists each user; a meeting once though two users list it; a file without a download URL is not planned, one without an ID is (named by its URL)", async () => {
    const { result, events, asked } = await archive({ trashAfter: true });
    expect(result).toEqual({ failed: 0, interrupted: false });
    expect(asked.map((u) => decodeURIComponent(new URL(u).pathname))).toEqual([
      "/v2/users/me/recordings",
      "/v2/users/other@example.com/recordings",
    ]);
    const { seconds, ...summary } = events.at(-1) as Extract<ArchiveEvent, { type: "summary" }>;
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(seconds).toBeLessThan(5);
    expect(events.slice(0, -1)).toEqual([
      { type: "listing", users: ["me", "other@example.com"], from: "2024-01-01", to: "2024-01-31" },
      // Per-user totals as each listing ends (the dry run's per-user report); the second user
      // lists the same meetings again, which count once, under the first.
      {
        type: "listed-user",
        user: "me",
        index: 1,
        total: 2,
        meetings: 3,
        files: 4,
        bytes: 35,
      },
      {
        type: "listed-user",
        user: "other@example.com",
        index: 2,
        total: 2,
        meetings: 0,
        files: 0,
        bytes: 0,
      },
      {
        type: "plan",
        users: 2,
        downloadUsers: 1,
        meetings: 3,
        files: 4,
        bytes: 35,
        skipFiles: 0,
        skipBytes: 0,
        downloadFiles: 4,
        downloadBytes: 35,
        dryRun: true,
      },
      { type: "would-download", fileId: "f1", path: path(0, 0), size: 10 },
      { type: "would-download", fileId: "f2", path: path(0, 1), size: 20 },
      { type: "would-download", fileId: "f3", path: path(1, 0), size: 5 },
      {
        type: "would-download",
        fileId: "cc33ekldfdjfhf3-aaaaa",
        path: "me/2024-01-03 1000 Partly downloadable (2)/TIMELINE-cc33ekld.json",
        size: undefined,
      },
      { type: "would-trash", meetingUuid: "a==", topic: "All good", files: 2 },
      {
        type: "kept",
        meetingUuid: "b==",
        topic: "Partly downloadable",
        reason: "1 file(s) without a download URL were not archived",
      },
      { type: "kept", meetingUuid: "c==", topic: "", reason: "no downloadable files" },
    ]);
    expect(summary).toEqual({
      type: "summary",
      downloaded: 0,
      downloadedBytes: 0,
      verified: 0,
      skipped: 0,
      failed: 0,
      trashed: 0,
      interrupted: false,
      dryRun: true,
    });
  });

  it("without --trash-after: no trash decisions", async () => {
    const { events } = await archive({ trashAfter: false, users: ["me"] });
    expect(events.map((e) => e.type)).toEqual([
      "listing",
      "listed-user",
      "plan",
      "would-download",
      "would-download",
      "would-download",
      "would-download",
      "summary",
    ]);
  });

  it("skips a file only when the manifest has it at its path, with the listed size, and the disk agrees", async () => {
    const out = mkdtempSync(join(tmpdir(), "clipkit-run-archive-"));
    dirs.push(out);
    const entry = (fileId: string, path: string, size: number): ManifestEntry => ({
      fileId,
      user: "me",
      meetingUuid: "a==",
      meetingId: 1,
      topic: "",
      startTime: undefined,
      fileType: undefined,
      recordingType: undefined,
      path,
      size,
      sha256: "00",
      status: "verified",
      at: "2024-01-05T00:00:00.000Z",
    });
    const onDisk = (relative: string, size: number) => {
      mkdirSync(dirname(join(out, relative)), { recursive: true });
      writeFileSync(join(out, relative), Buffer.alloc(size));
    };
    onDisk(path(0, 0), 10); // f1: recorded, right size on disk: skipped
    onDisk(path(0, 1), 19); // f2: recorded, but the disk holds less
    onDisk(path(1, 0), 5); // f3: recorded at another path
    writeFileSync(
      join(out, "manifest.jsonl"),
      [entry("f1", path(0, 0), 10), entry("f2", path(0, 1), 20), entry("f3", "elsewhere", 5)]
        .map((e) => `${JSON.stringify(e)}\n`)
        .join(""),
    );
    const { events } = await archive({ trashAfter: false, out, users: ["me"] });
    expect(events.find((e) => e.type === "plan")).toMatchObject({
      skipFiles: 1,
      skipBytes: 10,
      downloadFiles: 3,
      downloadBytes: 25,
    });
    expect(events.filter((e) => e.type === "would-download").map((e) => e.fileId)).toEqual([
      "f2",
      "f3",
      "cc33ekldfdjfhf3-aaaaa",
    ]);
    expect(events.at(-1)).toMatchObject({ type: "summary", skipped: 1 });
  });
});

/** A source of `perUser` one-byte files per user, listed at once, fetched by `toFile`. */
function quickSource(perUser: number, toFile: ArchiveSource["downloads"]["toFile"]): ArchiveSource {
  return {
    async list({ users, onUser }) {
      for (const user of users) {
        const files = Array.from({ length: perUser }, (_, i) => ({
          id: `${user.name}-${i}`,
          user: user.name,
          path: `${user.name}/m/${i}.bin`,
          size: 2,
          describes: {
            meetingUuid: `${user.name}-m`,
            meetingId: 1,
            topic: "",
            startTime: undefined,
            fileType: undefined,
            recordingType: undefined,
          },
        }));
        await onUser(user, [{ id: `${user.name}-m`, title: "", files, notDownloadable: 0 }]);
      }
    },
    downloads: { toFile, stream: () => Promise.reject(new Error("not used")) },
    holds: () => true,
    trash: () => Promise.resolve(),
  };
}

async function runQuick(
  source: ArchiveSource,
  users: number,
  emit: (e: ArchiveEvent) => void,
  out = mkdtempSync(join(tmpdir(), "clipkit-run-archive-")),
  concurrency = 8,
) {
  dirs.push(out);
  return runArchive({
    source,
    users: Array.from({ length: users }, (_, i) => ({ id: `u${i}`, name: `u${i}` })),
    from: "2024-01-01",
    to: "2024-01-31",
    out,
    concurrency,
    trashAfter: false,
    dryRun: false,
    signal: new AbortController().signal,
    secrets: [],
    emit,
  });
}

describe("runArchive's listing and its downloads", () => {
  it(`the listing waits while ${LISTED_AHEAD} listed files wait for a worker: an account is not held in memory while its downloads catch up`, async () => {
    const USERS = 40;
    const PER_USER = 100;
    // A listing that answers at once, and a file host that takes a while per file: without
    // a bound the whole account is listed before a tenth of it is downloaded.
    const source = quickSource(PER_USER, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return { bytes: 2, resumedFrom: 0, sha256: "00" };
    });
    let listed = 0;
    let started = 0;
    let mostWaiting = 0;
    const result = await runQuick(source, USERS, (event) => {
      if (event.type === "listed-user") {
        listed += event.files;
        mostWaiting = Math.max(mostWaiting, listed - started);
      }
      if (event.type === "start") started++;
    });
    expect(result).toEqual({ failed: 0, interrupted: false });
    expect(started).toBe(USERS * PER_USER);
    // At most the bound, the user just listed, and what the workers hold.
    expect(mostWaiting).toBeLessThanOrEqual(LISTED_AHEAD + PER_USER + 8);
  });

  it("tells the download of a folder this run made that no .part can be there, and not in a folder that was there", async () => {
    const asked = new Map<string, boolean>();
    const source = quickSource(3, async (item, _destination, { freshFolder }) => {
      asked.set(item.id, freshFolder);
      return { bytes: 2, resumedFrom: 0, sha256: "00" };
    });
    const out = mkdtempSync(join(tmpdir(), "clipkit-run-archive-"));
    // u1's meeting folder is there from an earlier run: its files may have a .part.
    mkdirSync(join(out, "u1", "m"), { recursive: true });
    const result = await runQuick(source, 2, () => {}, out);
    expect(result).toEqual({ failed: 0, interrupted: false });
    expect(Object.fromEntries(asked)).toEqual({
      "u0-0": true,
      "u0-1": true,
      "u0-2": true,
      "u1-0": false,
      "u1-1": false,
      "u1-2": false,
    });
  });

  it("reports the progress of a file not yet complete, never of the read that completes it", async () => {
    // Even files: read in two halves; odd ones: at once.
    const source = quickSource(4, async (item, _destination, { onProgress }) => {
      if (Number(item.id.split("-")[1]) % 2 === 0) {
        onProgress({ bytesReceived: 1, totalBytes: 2 });
      }
      onProgress({ bytesReceived: 2, totalBytes: 2 });
      return { bytes: 2, resumedFrom: 0, sha256: "00" };
    });
    const progress: ArchiveEvent[] = [];
    await runQuick(source, 1, (event) => {
      if (event.type === "progress") progress.push(event);
    });
    expect(progress.map((e) => e.type === "progress" && [e.fileId, e.bytes]).sort()).toEqual([
      ["u0-0", 1],
      ["u0-2", 1],
    ]);
  });
});

describe("runArchive when files fail one after another", () => {
  const refused = () =>
    new ConnectionError("GET https://cdn.example/f failed: connect ECONNREFUSED 127.0.0.1:9");
  const countEvents = () => {
    const seen = { start: 0, failed: 0, done: 0, "listed-user": 0 };
    const emit = (event: ArchiveEvent) => {
      if (event.type in seen) seen[event.type as keyof typeof seen]++;
    };
    return { seen, emit };
  };

  it(`stops after ${FAILED_IN_A_ROW} files in a row fail (an unreachable host): no worker starts another file and the listing stops`, async () => {
    // Each failure here stands for a file that already spent its retries: without a stop, an
    // account's every file would spend as long against the same dead host.
    const source = quickSource(100, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      throw refused();
    });
    const { seen, emit } = countEvents();
    const concurrency = 4;
    const result = await runQuick(source, 40, emit, undefined, concurrency);
    expect(result.gaveUp).toEqual({
      inARow: FAILED_IN_A_ROW,
      lastError: expect.stringContaining("ECONNREFUSED"),
    });
    expect(result.interrupted).toBe(false);
    expect(seen.failed).toBe(seen.start);
    // The failures that stop it, and those the other workers had under way.
    expect(seen.start).toBeGreaterThanOrEqual(FAILED_IN_A_ROW);
    expect(seen.start).toBeLessThanOrEqual(FAILED_IN_A_ROW + concurrency - 1);
    expect(seen["listed-user"]).toBeLessThan(40);
  });

  it("goes on while a file finishes between failures", async () => {
    // Every fifth file finishes: never FAILED_IN_A_ROW failures in a row.
    const source = quickSource(30, async (item) => {
      if (Number(item.id.split("-")[1]) % (FAILED_IN_A_ROW - 1) === 0) throw refused();
      return { bytes: 2, resumedFrom: 0, sha256: "00" };
    });
    const failing = quickSource(30, async (item) => {
      if (Number(item.id.split("-")[1]) % FAILED_IN_A_ROW !== 0) throw refused();
      return { bytes: 2, resumedFrom: 0, sha256: "00" };
    });
    for (const [s, users] of [
      [source, 2],
      [failing, 2],
    ] as const) {
      const { seen, emit } = countEvents();
      const result = await runQuick(s, users, emit, undefined, 1);
      expect(result.gaveUp).toBeUndefined();
      expect(seen.start).toBe(60);
      expect(seen.failed + seen.done).toBe(60);
    }
  });

  it("goes on through failures that are the file's own: gone (404) or not the listed size", async () => {
    const source = quickSource(20, async (item) => {
      if (Number(item.id.split("-")[1]) % 2 === 0) {
        throw new NotFoundError({ status: 404, method: "GET", url: "https://cdn.example/f" });
      }
      throw new ListedSizeMismatchError("3 bytes downloaded; the listing says 2");
    });
    const { seen, emit } = countEvents();
    const result = await runQuick(source, 2, emit, undefined, 2);
    expect(result).toEqual({ failed: 40, interrupted: false });
    expect(seen.start).toBe(40);
  });
});
