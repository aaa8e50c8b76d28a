import type { S3Client } from "@aws-sdk/client-s3";
import { type FileArchiver, type FileArchiverOptions, fileArchiver } from "./archive-file.js";
import { type Manifest, openManifest } from "./manifest.js";
import type { S3Location } from "./s3-location.js";
import type { ArchiveItem } from "./source.js";

/** An S3-compatible bucket to archive into instead of a folder. */
export interface S3Destination {
  client: S3Client;
  location: S3Location;
}

export interface ArchiveTarget<I extends ArchiveItem> {
  manifest: Manifest;
  archiver: FileArchiver<I>;
}

/** Where an archive goes: a folder (`out`), or objects in a bucket (`s3`). */
export async function openArchiveTarget<I extends ArchiveItem>(
  options: Omit<FileArchiverOptions, "manifest"> & {
    s3?: S3Destination | undefined;
    /**
     * Whether `manifest.entries` keeps what this run records (`--trash-after` looks them up
     * again); a folder's manifest otherwise keeps them in its file only. A bucket's keeps them.
     */
    keepRecorded: boolean;
  },
): Promise<ArchiveTarget<I>> {
  if (options.s3) {
    const { client, location } = options.s3;
    const { openS3Manifest, s3FileArchiver } = await import("./s3-target.js");
    const manifest = await openS3Manifest(client, location);
    return { manifest, archiver: s3FileArchiver<I>(client, location, { ...options, manifest }) };
  }
  const manifest = await openManifest(options.out, { keepRecorded: options.keepRecorded });
  return { manifest, archiver: fileArchiver<I>({ ...options, manifest }) };
}
