// Calls to the Zoom Clips fake whose JSON answers are checked against the spec's schemas.
import { createHash } from "node:crypto";
import { afterEach, expect } from "vitest";
import {
  startZoomClipsFake,
  type ZoomClipsFake,
  type ZoomClipsFakeOptions,
} from "../../src/index.js";
import { specSchemas } from "../spec-schemas.js";

const schemas = specSchemas("zoom-clips");

export const sha = (bytes: ArrayBuffer | Uint8Array) =>
  createHash("sha256").update(new Uint8Array(bytes)).digest("hex");

/** Starts a fake that is closed after the test. */
export function useClipsFake() {
  let fake: ZoomClipsFake | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  return async (options: ZoomClipsFakeOptions = {}) => {
    fake = await startZoomClipsFake(options);
    return fake;
  };
}

/** Calls the fake and checks a JSON answer against the spec's schema for `template`. */
export async function call(
  f: ZoomClipsFake,
  method: string,
  template: string,
  path: string,
  init: RequestInit = {},
) {
  const base = template.startsWith("/clips/files") ? f.fileBaseUrl : f.baseUrl;
  const response = await fetch(`${base}${path}`, {
    ...init,
    method,
    redirect: "manual",
    headers: { authorization: `Bearer ${f.issueToken()}`, ...(init.headers ?? {}) },
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  // An error the spec does not list for this operation must still be Zoom's error body.
  if (
    body !== undefined &&
    response.status >= 400 &&
    !schemas.response(method, template, response.status)
  ) {
    expect(schemas.schema("ZoomError")(body)).toBe(true);
  } else if (body !== undefined) schemas.check(method, template, response.status, body);
  return { status: response.status, body, headers: response.headers };
}

export const json = (body: unknown): RequestInit => ({
  body: JSON.stringify(body),
  headers: { "content-type": "application/json" },
});

/** A multipart body with the given fields and a `file` part. */
export function form(
  fields: Record<string, string>,
  file: Uint8Array<ArrayBuffer>,
  filename = "clip.mp4",
): RequestInit {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append("file", new Blob([file], { type: "video/mp4" }), filename);
  return { body };
}
