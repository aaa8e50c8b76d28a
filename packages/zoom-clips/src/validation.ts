import { ClipKitValidationError } from "@clipkit/core";
import type { JsonSchema, OperationSchema } from "@clipkit/core/internal";
import type { Middleware } from "openapi-fetch";
import { requestSchemas } from "./generated/limits.js";
import type { components } from "./generated/schema.js";

type ClipUpdateRequest = components["schemas"]["ClipUpdateRequest"];
type TransferRequest = components["schemas"]["TransferRequest"];

/**
 * The whole-number `page_size` range of every list operation that has one, keyed by path
 * template; of an `anyOf` (a number or its digits) the integer branch counts.
 */
function pageSizeRanges(): Record<string, { min: number; max: number }> {
  const ranges: Record<string, { min: number; max: number }> = {};
  for (const [key, op] of Object.entries(requestSchemas) as [string, OperationSchema][]) {
    const schema = op.query.page_size?.schema;
    const numeric = (schema?.anyOf ?? [schema]).find(
      (branch): branch is JsonSchema => typeof branch === "object" && branch.type === "integer",
    );
    if (!numeric) continue;
    ranges[key.slice(key.indexOf(" ") + 1)] = {
      min: numeric.minimum ?? 1,
      max: numeric.maximum ?? Number.POSITIVE_INFINITY,
    };
  }
  return ranges;
}

/**
 * Limits the API documents, read from the spec at generate time (src/generated/limits.ts):
 * checked before a request is sent, with messages that say what to do instead.
 */
export const LIMITS = {
  maxTags: requestSchemas["PATCH /clips/{clipId}"].body.schema.properties.tags.maxItems,
  maxTransferClipIds:
    requestSchemas["POST /clips/transfers"].body.schema.properties.clip_id_list.maxItems,
  /** page_size bounds per list operation (the spec's path template). */
  pageSize: pageSizeRanges(),
} as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** A clip update must change something, and carry at most 10 tags. */
export function validateClipUpdate(body: ClipUpdateRequest | unknown): void {
  if (!isObject(body)) {
    throw new ClipKitValidationError(
      "body",
      "a clip update must be an object with a title, description or tags",
    );
  }
  const fields = Object.entries(body).filter(([, value]) => value !== undefined);
  if (fields.length === 0) {
    throw new ClipKitValidationError(
      "body",
      "the update is empty; give at least one of title, description or tags",
    );
  }
  const { tags } = body;
  if (tags !== undefined) {
    if (!Array.isArray(tags))
      throw new ClipKitValidationError("tags", "expected a list of tag names");
    if (tags.length > LIMITS.maxTags) {
      throw new ClipKitValidationError(
        "tags",
        `a clip can have at most ${LIMITS.maxTags} tags, got ${tags.length}`,
      );
    }
  }
}

/** A transfer names both users; a partial transfer names 1 to 50 clips. */
export function validateTransferRequest(body: TransferRequest | unknown): void {
  if (!isObject(body)) throw new ClipKitValidationError("body", "a transfer must be an object");
  for (const field of ["source_owner_user_id", "target_owner_user_id"] as const) {
    const value = body[field];
    if (typeof value !== "string" || value.trim() === "") {
      throw new ClipKitValidationError(
        field,
        "give the user ID (it is required and cannot be empty)",
      );
    }
  }
  const type = body.transfer_type;
  if (type !== "PARTIAL_TRANSFER" && type !== "FULL_TRANSFER") {
    throw new ClipKitValidationError(
      "transfer_type",
      `expected PARTIAL_TRANSFER or FULL_TRANSFER, got ${JSON.stringify(type)}`,
    );
  }
  const list = body.clip_id_list;
  if (list !== undefined && !Array.isArray(list)) {
    throw new ClipKitValidationError("clip_id_list", "expected a list of clip IDs");
  }
  if (type === "PARTIAL_TRANSFER" && (list === undefined || list.length === 0)) {
    throw new ClipKitValidationError(
      "clip_id_list",
      "a partial transfer needs the IDs of the clips to transfer (at least one)",
    );
  }
  if (list !== undefined && list.length === 0) {
    throw new ClipKitValidationError("clip_id_list", "the list is empty; leave it out instead");
  }
  if (list !== undefined && list.length > LIMITS.maxTransferClipIds) {
    throw new ClipKitValidationError(
      "clip_id_list",
      `a transfer can move at most ${LIMITS.maxTransferClipIds} clips, got ${list.length}; split it into several transfers`,
    );
  }
}

/** `page_size` must be a whole number within the operation's documented range. */
export function validatePageSize(schemaPath: string, pageSize: unknown): void {
  const range = LIMITS.pageSize[schemaPath];
  if (!range || pageSize === undefined || pageSize === null) return;
  const n = typeof pageSize === "string" ? Number(pageSize) : pageSize;
  if (typeof n !== "number" || !Number.isInteger(n) || n < range.min || n > range.max) {
    throw new ClipKitValidationError(
      "page_size",
      `expected a whole number ${range.max === Number.POSITIVE_INFINITY ? `of at least ${range.min}` : `from ${range.min} to ${range.max}`}, got ${JSON.stringify(pageSize)}`,
    );
  }
}

/**
 * Checks every request against the documented limits before it is sent (raw calls as well as
 * the helpers): it throws a `ClipKitValidationError` instead of letting Zoom answer 400.
 * Register it before any middleware that may itself send requests (e.g. token refresh).
 */
export function requestValidation(): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      validatePageSize(schemaPath, new URL(request.url).searchParams.get("page_size") ?? undefined);
      if (request.method === "PATCH" && schemaPath === "/clips/{clipId}") {
        validateClipUpdate(await jsonBody(request));
      } else if (request.method === "POST" && schemaPath === "/clips/transfers") {
        validateTransferRequest(await jsonBody(request));
      }
      return undefined;
    },
  };
}

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.clone().text();
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ClipKitValidationError("body", "expected a JSON body");
  }
}
