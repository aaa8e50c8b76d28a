// The generated schema (src/generated/limits.ts) is the one validation of every request. This
// file holds only what a JSON Schema cannot say: one rule our toolchain cannot express, and
// messages that tell a caller what to do instead of which keyword failed.
import {
  checkRequest,
  type JsonSchema,
  type OperationSchema,
  type RequestInput,
  type RequestRules,
  type RequestSchemas,
  requestRules,
  type SchemaProblem,
} from "@clipkit/core/internal";
import { requestSchemas } from "./generated/limits.js";
import type { components } from "./generated/schema.js";

type ClipUpdateRequest = components["schemas"]["ClipUpdateRequest"];
type TransferRequest = components["schemas"]["TransferRequest"];

const TRANSFER = "POST /clips/transfers";
const UPDATE = "PATCH /clips/{clipId}";

const PARTIAL_NEEDS_IDS =
  "a partial transfer needs the IDs of the clips to transfer (at least one)";
const USER_ID = "give the user ID (it is required and cannot be empty)";

const isPartial = (input: RequestInput) =>
  (input.body as { transfer_type?: unknown }).transfer_type === "PARTIAL_TRANSFER";

const schemaOf = (problem: SchemaProblem) => problem.schema as JsonSchema;
const count = (problem: SchemaProblem) => (problem.value as unknown[]).length;

/** Of a page_size schema that failed (an `anyOf`'s integer branch), its whole-number range. */
function pageSizeMessage(problem: SchemaProblem): string {
  const { minimum = 1, maximum } = schemaOf(problem);
  const range = maximum === undefined ? `of at least ${minimum}` : `from ${minimum} to ${maximum}`;
  return `expected a whole number ${range}, got ${JSON.stringify(problem.value)}`;
}

/** The Clips API's request rules beyond its spec. */
const CLIPS_RULES: RequestRules = {
  extra: {
    // "clip_id_list is required for partial transfers": an if/then the spec leaves out, as
    // openapi-typescript ignores it and Redocly's example check mis-evaluates it.
    [TRANSFER]: (input) =>
      isPartial(input) && (input.body as TransferRequest).clip_id_list === undefined
        ? { field: "clip_id_list", message: PARTIAL_NEEDS_IDS }
        : undefined,
  },
  messages: {
    "*": { page_size: pageSizeMessage },
    [UPDATE]: {
      body: "a clip update must be an object with a title, description or tags",
      "body minProperties": "the update is empty; give at least one of title, description or tags",
      "tags type": "expected a list of tag names",
      "tags maxItems": (p) =>
        `a clip can have at most ${schemaOf(p).maxItems} tags, got ${count(p)}`,
    },
    [TRANSFER]: {
      body: "a transfer must be an object",
      source_owner_user_id: USER_ID,
      target_owner_user_id: USER_ID,
      transfer_type: (p) =>
        `expected ${schemaOf(p).enum?.join(" or ")}, got ${JSON.stringify(p.value)}`,
      "clip_id_list type": "expected a list of clip IDs",
      "clip_id_list minItems": (_, input) =>
        isPartial(input) ? PARTIAL_NEEDS_IDS : "the list is empty; leave it out instead",
      "clip_id_list maxItems": (p) =>
        `a transfer can move at most ${schemaOf(p).maxItems} clips, got ${count(p)}; split it into several transfers`,
    },
  },
};

/** The Clips API's extra rules and messages, as the client's validation applies them. */
export const CLIPS_REQUEST_RULES = requestRules(CLIPS_RULES);

/** Checks one part of an operation's input (its body, or its page_size) alone. */
function checkPart(operation: string, part: "body" | "page_size", input: RequestInput): void {
  const op = (requestSchemas as RequestSchemas)[operation];
  const { page_size } = op?.query ?? {};
  const only: OperationSchema =
    part === "body"
      ? { path: {}, query: {}, ...(op?.body ? { body: op.body } : {}) }
      : { path: {}, query: page_size ? { page_size } : {} };
  checkRequest({ [operation]: only }, operation, input, CLIPS_REQUEST_RULES);
}

/** A clip update must change something, and carry at most 10 tags (as the client checks it). */
export function validateClipUpdate(body: ClipUpdateRequest | unknown): void {
  checkPart(UPDATE, "body", { body });
}

/** A transfer names both users; a partial transfer names 1 to 50 clips (as the client checks it). */
export function validateTransferRequest(body: TransferRequest | unknown): void {
  checkPart(TRANSFER, "body", { body });
}

/** `page_size` must be a whole number within the list operation's documented range. */
export function validatePageSize(schemaPath: string, pageSize: unknown): void {
  checkPart(`GET ${schemaPath}`, "page_size", { query: { page_size: pageSize } });
}
