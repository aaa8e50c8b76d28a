import { ClipKitValidationError } from "@clipkit/core";
import { defaultPathSerializer, type PathSerializer } from "openapi-fetch";

const MEETING_PARAMS = new Set(["meetingId", "meetingUUID"]);

/** Zoom's rule: a meeting UUID that begins with `/` or contains `//` is double-encoded in paths. */
export function needsDoubleEncoding(uuid: string): boolean {
  return uuid.startsWith("/") || uuid.includes("//");
}

/**
 * openapi-fetch's path serializer, with one more round of encoding for the meeting UUIDs Zoom
 * wants double-encoded, and a `ClipKitValidationError` for an empty path parameter. Users pass UUIDs as Zoom gave them (`/ajXp112QmuoKj4854875==`); a
 * UUID without `/`-trouble, or a meeting number, is encoded once as usual.
 */
export const zoomPathSerializer: PathSerializer = (pathname, pathParams) => {
  for (const [name, value] of Object.entries(pathParams ?? {})) {
    // An empty ID would address another resource (/meetings//recordings): refuse it here.
    if (typeof value === "string" && value.trim() === "") {
      throw new ClipKitValidationError(name, "must not be empty");
    }
  }
  const params = Object.fromEntries(
    Object.entries(pathParams ?? {}).map(([name, value]) => [
      name,
      MEETING_PARAMS.has(name) && typeof value === "string" && needsDoubleEncoding(value)
        ? encodeURIComponent(value)
        : value,
    ]),
  );
  return defaultPathSerializer(pathname, params);
};
