import { constants } from "node:fs";
import { access, mkdir, stat } from "node:fs/promises";
import { InvalidArgumentError } from "commander";

/** Retries per request: a run never fails on 429s (core waits as Retry-After and Zoom's headers say). */
export const MAX_RETRIES = 10;

/** A `YYYY-MM-DD` flag, checked before anything is sent. */
export function day(value: string): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  // Date.parse rolls 2024-02-30 over to March 1st: only a date that reads back the same is real.
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(time) ||
    new Date(time).toISOString().slice(0, 10) !== value
  ) {
    throw new InvalidArgumentError("expected a date as YYYY-MM-DD");
  }
  return value;
}

/** A user ID, email or `me`: never empty (Zoom would read `/users//recordings`). */
export function userId(value: string): string {
  if (value.trim() === "") throw new InvalidArgumentError("expected a user ID, email or `me`");
  return value;
}

/** `--out`: never empty (an unset variable in `--out "$DIR"` would archive into the current folder). */
export function outPlace(value: string): string {
  if (value.trim() === "") {
    throw new InvalidArgumentError("expected a folder or s3://bucket/prefix");
  }
  return value;
}

export function concurrency(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 32) {
    throw new InvalidArgumentError("expected a whole number from 1 to 32");
  }
  return n;
}

/** Creates `dir` if needed; the reason it cannot hold an archive, or undefined. */
export async function writableFolder(dir: string): Promise<string | undefined> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOTDIR" || code === "EEXIST"
      ? "a file is in the way of this folder"
      : `not writable (${code ?? "unknown error"})`;
  }
}

/** The reason `dir` holds no archive to read (it is not a folder), or undefined. */
export async function existingFolder(dir: string): Promise<string | undefined> {
  const isFolder = await stat(dir).then(
    (info) => info.isDirectory(),
    () => false,
  );
  return isFolder ? undefined : "no archive folder there";
}
