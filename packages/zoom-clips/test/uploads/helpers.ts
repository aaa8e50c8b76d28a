import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import {
  startZoomClipsFake,
  type UploadRules,
  type ZoomClipsFake,
  type ZoomClipsFakeOptions,
} from "@clipkit/testing";
import { afterAll, beforeAll, beforeEach, onTestFinished } from "vitest";
import {
  createZoomClipsClient,
  type ZoomClipsClient,
  type ZoomClipsClientOptions,
} from "../../src/index.js";

const KiB = 1024;

/** Small limits for the fake server and the client (the real ones are 5–100 MB parts). */
export const TEST_LIMITS: UploadRules = {
  minPartSize: 64 * KiB,
  maxPartSize: 256 * KiB,
  maxParts: 100,
  maxSingleSize: 2 * 1024 * KiB,
};

/** Deterministic bytes that are not all alike (a part swap or shift changes the hash). */
export function makeBytes(size: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Chunks of uneven sizes, so part and chunk borders never line up. */
function* unevenChunks(bytes: Uint8Array): Generator<Uint8Array> {
  const sizes = [1, 7_001, 65_536, 333, 100_000];
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length] as number;
    yield bytes.subarray(at, Math.min(bytes.length, at + n));
    at += n;
  }
}

export function webStreamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  const chunks = unevenChunks(bytes);
  return new ReadableStream({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value.slice());
    },
  });
}

export function nodeReadableOf(bytes: Uint8Array): Readable {
  return Readable.from(Array.from(unevenChunks(bytes), (c) => Buffer.from(c)));
}

/** A file holding `bytes`, removed when the current test ends (passed or failed), or by `cleanup`. */
export async function tempFile(bytes: Uint8Array, name = "clip.mp4") {
  const dir = await mkdtemp(join(tmpdir(), "clipkit-upload-"));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  onTestFinished(cleanup);
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { path, dir, cleanup };
}

/** A client of the Clips fake (fixed token); uploads take their retries and limits from it. */
export function fakeClient(
  fileBaseUrl: string,
  baseUrl = fileBaseUrl,
  fetchImpl?: typeof fetch,
  options: Partial<ZoomClipsClientOptions> = {},
): ZoomClipsClient {
  return createZoomClipsClient({
    auth: "test-token",
    baseUrl,
    fileBaseUrl,
    // Fast retries: the backoff is a few ms.
    backoff: { baseDelayMs: 5, maxDelayMs: 20 },
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    ...options,
  });
}

/** Client options that record the waits between retries instead of sleeping them. */
export function recordedDelays() {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms: number, signal: AbortSignal) => {
      delays.push(ms);
      signal.throwIfAborted();
    },
  };
}

/** The token every test client sends (`auth: "test-token"`), which the fakes accept. */
export const TEST_TOKEN = "test-token";

/**
 * A Clips fake for upload and download tests: the test limits, no generated clips (only what a
 * test uploads or adds), and the tests' fixed token accepted.
 */
export function startTestFake(options: ZoomClipsFakeOptions = {}): Promise<ZoomClipsFake> {
  return startZoomClipsFake({
    users: 1,
    clipsPerUser: 0,
    uploadRules: TEST_LIMITS,
    bearerTokens: [TEST_TOKEN],
    ...options,
  });
}

/** What the fake holds of an uploaded clip, in the terms the upload tests check. */
export function uploaded(fake: ZoomClipsFake, clipId: string) {
  const clip = fake.state.clips.find((c) => c.id === clipId);
  return (
    clip && {
      size: clip.size,
      sha256: fake.state.sha256(clipId),
      fileName: clip.title,
      via: clip.uploadedVia,
    }
  );
}

/**
 * The Clips fake of one test file: started before its tests, closed after them, its request
 * log and faults cleared before each. Usable at the file's top level, before it starts.
 */
export function useClipsFake(options: ZoomClipsFakeOptions = {}): ZoomClipsFake {
  let started: ZoomClipsFake | undefined;
  const running = () => {
    if (!started) throw new Error("the Clips fake is not started yet");
    return started;
  };
  beforeAll(async () => {
    started = await startTestFake(options);
  });
  afterAll(() => started?.close());
  beforeEach(() => {
    const fake = running();
    fake.state.requests.length = 0;
    fake.faults.clear();
    fake.state.maxActiveParts = 0;
  });
  return new Proxy({} as ZoomClipsFake, {
    get: (_target, key) => Reflect.get(running(), key),
    set: (_target, key, value) => Reflect.set(running(), key, value),
  });
}
