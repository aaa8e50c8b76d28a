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

/**
 * How a raw `client.POST` on the file host is sent: `multipartBody` puts one on its options
 * under `FILE_ROUTE`, and the client hands it the call's Request (in place of fetch), so the
 * call takes the upload helpers' route (uploads/file-route.ts). A symbol: openapi-fetch copies
 * only string keys onto its Request, and a client of plain openapi-fetch ignores it.
 */
export type FileRoute = (client: object, request: Request) => Promise<Response>;
export const FILE_ROUTE: unique symbol = Symbol("clipkit.fileRoute");
