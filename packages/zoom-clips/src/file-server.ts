/**
 * The operations that Zoom serves from its file API host (`https://fileapi.zoom.us/v2`)
 * instead of `https://api.zoom.us/v2`: the spec gives each of them an operation-level
 * `servers` entry. test/file-server.test.ts checks this list against the spec.
 */
export const FILE_SERVER_PATHS = [
  "/clips/files",
  "/clips/files/multipart",
  "/clips/files/multipart/upload_events",
] as const;

export type FileServerPath = (typeof FILE_SERVER_PATHS)[number];

const fileServerPaths: ReadonlySet<string> = new Set(FILE_SERVER_PATHS);

/** Whether the operation at `schemaPath` (the spec's path template) lives on the file server. */
export function isFileServerPath(schemaPath: string): schemaPath is FileServerPath {
  return fileServerPaths.has(schemaPath);
}
