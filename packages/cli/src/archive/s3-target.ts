import { createHash, randomUUID } from "node:crypto";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import {
  type ArchivedFile,
  type FileArchiver,
  type FileArchiverOptions,
  manifestEntry,
} from "./archive-file.js";
import { MANIFEST_NAME, type Manifest, type ManifestEntry } from "./manifest.js";
import { type S3Location, STAGING_PREFIX } from "./s3-location.js";
import type { ArchiveItem, DownloadStrategy } from "./source.js";

export type { S3Location };

export interface S3Settings {
  /** An S3-compatible service's endpoint (R2, Spaces, MinIO, Ceph); default AWS. */
  endpoint?: string;
  /** Path-style URLs (`endpoint/bucket/key`), as most S3-compatible services want. */
  pathStyle: boolean;
}

const PART_SIZE = 8 * 1024 * 1024;
const QUEUE_SIZE = 4;
const PROGRESS_EVERY_MS = 250;

/**
 * An S3 client from the AWS SDK's default credential chain (environment, shared config,
 * instance roles). Checksums only when an operation requires them: a streamed upload of
 * unknown length can't carry one, and S3-compatible services differ on them.
 */
export function s3Client(settings: S3Settings, env: NodeJS.ProcessEnv): S3Client {
  // The run's own environment first (it is the process's, except in tests), then the chain.
  const keys =
    env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
      ? {
          credentials: {
            accessKeyId: env.AWS_ACCESS_KEY_ID,
            secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
            ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {};
  return new S3Client({
    ...keys,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "us-east-1",
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    forcePathStyle: settings.pathStyle,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

/** Fails with one clear line before anything is listed or downloaded. */
export async function checkBucket(client: S3Client, location: S3Location): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: location.bucket }));
  } catch (error) {
    const e = error as Error & { $metadata?: { httpStatusCode?: number }; code?: string };
    const status = e.$metadata?.httpStatusCode;
    const why =
      e.name === "CredentialsProviderError"
        ? "no AWS credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile)"
        : status === 404 || e.name === "NotFound" || e.name === "NoSuchBucket"
          ? "the bucket does not exist"
          : status === 403
            ? "access denied (check the credentials and the bucket's policy)"
            : status === undefined
              ? `the endpoint cannot be reached (${e.code ?? e.name})`
              : `the endpoint answered ${status}`;
    throw new Error(`s3://${location.bucket}: ${why}`);
  }
}

const keyOf = (location: S3Location, path: string) => `${location.prefix}${path}`;

/**
 * The manifest beside the objects: read once, kept in memory, written whole (S3 objects are
 * not appendable) every few files and when the run ends, so an interrupted run loses at most
 * those few lines; the objects' own metadata (size, sha256) are what a re-run trusts.
 */
export async function openS3Manifest(client: S3Client, location: S3Location): Promise<Manifest> {
  const Key = keyOf(location, MANIFEST_NAME);
  const entries = new Map<string, ManifestEntry>();
  try {
    const got = await client.send(new GetObjectCommand({ Bucket: location.bucket, Key }));
    const text = (await got.Body?.transformToString("utf8")) ?? "";
    for (const line of text.split("\n")) {
      try {
        const entry = JSON.parse(line) as ManifestEntry;
        if (typeof entry.fileId === "string") entries.set(entry.fileId, entry);
      } catch {}
    }
  } catch (error) {
    if ((error as Error).name !== "NoSuchKey") throw error;
  }
  let unsaved = 0;
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    unsaved = 0;
    const body = [...entries.values()].map((e) => `${JSON.stringify(e)}\n`).join("");
    saving = saving.then(async () => {
      await client.send(
        new PutObjectCommand({
          Bucket: location.bucket,
          Key,
          Body: body,
          ContentType: "application/x-ndjson",
        }),
      );
    });
    return saving;
  };
  return {
    entries,
    async record(entry) {
      entries.set(entry.fileId, entry);
      if (++unsaved >= 10) await save();
    },
    compact: save,
    close: save,
  };
}

/** Hashes, counts and reports what passes through, as it passes. */
function measuring(onBytes: (chunk: Uint8Array) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Archives files as objects: each streams from Zoom's CDN through a sha256 hasher into a
 * multipart `Upload` under a staging key (memory: part size × queue size), then is copied to
 * its final key with its size and sha256 as metadata and the staging object removed. An
 * interrupted upload leaves nothing under the final key. CopyObject takes objects up to 5 GB.
 */
export function s3FileArchiver<I extends ArchiveItem>(
  client: S3Client,
  location: S3Location,
  options: Omit<FileArchiverOptions, "out">,
): FileArchiver<I> {
  const { manifest, emit, signal } = options;

  async function isArchived(item: I): Promise<boolean> {
    try {
      const head = await client.send(
        new HeadObjectCommand({ Bucket: location.bucket, Key: keyOf(location, item.path) }),
      );
      const sha256 = head.Metadata?.sha256;
      if (!sha256 || (item.size !== undefined && head.ContentLength !== item.size)) return false;
      if (!manifest.entries.has(item.id)) {
        await manifest.record(manifestEntry(item, head.ContentLength ?? 0, sha256));
      }
      return true;
    } catch (error) {
      if ((error as Error).name === "NotFound") return false;
      throw error;
    }
  }

  /**
   * Once more from the start when the staging object is gone by the time it is copied: S3 is
   * read-after-write consistent, but file-backed S3-compatible servers (s3rver) can lose an
   * object to the cleanup of an aborted upload. Nothing else is retried here: the download
   * has its own retries, the SDK its own.
   */
  async function archive(item: I, downloads: DownloadStrategy<I>): Promise<ArchivedFile> {
    try {
      return await uploadOnce(item, downloads);
    } catch (error) {
      if ((error as Error).name !== "NoSuchKey" || signal.aborted) throw error;
      return uploadOnce(item, downloads);
    }
  }

  async function uploadOnce(item: I, downloads: DownloadStrategy<I>): Promise<ArchivedFile> {
    emit({ type: "start", fileId: item.id, path: item.path, size: item.size });
    const download = await downloads.stream(item, { signal });
    const hash = createHash("sha256");
    let bytes = 0;
    let last = 0;
    const source = Readable.fromWeb(download.stream as NodeWebStream<Uint8Array>);
    const body = source.pipe(
      measuring((chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        emit({ type: "progress", fileId: item.id, path: item.path, bytes, size: item.size });
      }),
    );
    // pipe() passes no error on: a download that fails must fail the upload's body.
    source.once("error", (error) => body.destroy(error));
    // The upload reports the body's error, or was aborted first and reads no more: either
    // way the error is handled there, not an uncaught exception.
    body.on("error", () => {});
    // A "folder" per upload: S3 has none, but file-backed S3-compatible servers (s3rver, some
    // gateways) remove a folder left empty by a delete while another upload writes into it.
    const staging = keyOf(location, `${STAGING_PREFIX}${randomUUID()}/object`);
    const upload = new Upload({
      client,
      params: {
        Bucket: location.bucket,
        Key: staging,
        Body: body,
        ContentType: download.contentType ?? "application/octet-stream",
      },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    const abort = () => void upload.abort().catch(() => {});
    signal.addEventListener("abort", abort, { once: true });
    try {
      await upload.done();
      if (item.size !== undefined && bytes !== item.size) {
        throw new Error(`${bytes} bytes downloaded; the listing says ${item.size}`);
      }
      const sha256 = hash.digest("hex");
      await client.send(
        new CopyObjectCommand({
          Bucket: location.bucket,
          Key: keyOf(location, item.path),
          CopySource: `${location.bucket}/${staging.split("/").map(encodeURIComponent).join("/")}`,
          MetadataDirective: "REPLACE",
          Metadata: { sha256, size: String(bytes) },
          ContentType: download.contentType ?? "application/octet-stream",
        }),
      );
      const entry = manifestEntry(item, bytes, sha256);
      await manifest.record(entry);
      emit({
        type: "done",
        fileId: item.id,
        path: item.path,
        size: bytes,
        sha256,
        resumedFrom: 0,
        verifiedOnly: false,
      });
      return { entry, resumedFrom: 0, verifiedOnly: false };
    } finally {
      signal.removeEventListener("abort", abort);
      await client
        .send(new DeleteObjectCommand({ Bucket: location.bucket, Key: staging }))
        .catch(() => {});
    }
  }

  return { isArchived, archive };
}

/** Every object under the prefix: its path below the prefix → its size (paged). */
export async function listObjects(
  client: S3Client,
  location: S3Location,
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  let ContinuationToken: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: location.bucket,
        Prefix: location.prefix,
        ...(ContinuationToken ? { ContinuationToken } : {}),
      }),
    );
    for (const object of page.Contents ?? []) {
      if (object.Key) found.set(object.Key.slice(location.prefix.length), object.Size ?? 0);
    }
    ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (ContinuationToken);
  return found;
}

/** The sha256 of an object's bytes, read as a stream. */
export async function sha256OfObject(
  client: S3Client,
  location: S3Location,
  path: string,
): Promise<string> {
  const got = await client.send(
    new GetObjectCommand({ Bucket: location.bucket, Key: keyOf(location, path) }),
  );
  const hash = createHash("sha256");
  for await (const chunk of got.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest("hex");
}
