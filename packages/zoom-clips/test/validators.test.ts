import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import {
  createZoomClipsClient,
  validateClipUpdate,
  validatePageSize,
  validateTransferRequest,
} from "../src/index.js";
import { fakeFetch, json } from "./fake-fetch.js";

// The validators are public: a caller may check input before queueing it, without a client.
// Each rule with its field and its exact message.

function refusal(check: () => void): ClipKitValidationError {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(ClipKitValidationError);
    return error as ClipKitValidationError;
  }
  throw new Error("expected a refusal");
}

const transfer = { source_owner_user_id: "a", target_owner_user_id: "b" };

describe("validateClipUpdate", () => {
  it.each([null, [], "title", 3])("refuses %j: not an object", (body) => {
    const error = refusal(() => validateClipUpdate(body));
    expect(error.field).toBe("body");
    expect(error.message).toBe(
      "body: a clip update must be an object with a title, description or tags",
    );
  });

  it("refuses tags that are not a list", () => {
    const error = refusal(() => validateClipUpdate({ tags: "a,b" }));
    expect(error.field).toBe("tags");
    expect(error.message).toBe("tags: expected a list of tag names");
  });

  it.each([
    [{ title: "t" }],
    [{ description: "" }],
    [{ tags: [] }],
    [{ tags: Array.from({ length: 10 }, (_, i) => `t${i}`) }],
  ])("accepts %j", (body) => {
    expect(() => validateClipUpdate(body)).not.toThrow();
  });
});

describe("validateTransferRequest", () => {
  it.each([null, [], "x"])("refuses %j: not an object", (body) => {
    const error = refusal(() => validateTransferRequest(body));
    expect(error.field).toBe("body");
    expect(error.message).toBe("body: a transfer must be an object");
  });

  it("names the missing user", () => {
    const error = refusal(() =>
      validateTransferRequest({ target_owner_user_id: "b", transfer_type: "FULL_TRANSFER" }),
    );
    expect(error.field).toBe("source_owner_user_id");
    expect(error.message).toBe(
      "source_owner_user_id: give the user ID (it is required and cannot be empty)",
    );
  });

  it.each([undefined, "PARTIAL", "full_transfer"])("refuses transfer_type %j", (type) => {
    const error = refusal(() => validateTransferRequest({ ...transfer, transfer_type: type }));
    expect(error.field).toBe("transfer_type");
    expect(error.message).toBe(
      `transfer_type: expected PARTIAL_TRANSFER or FULL_TRANSFER, got ${JSON.stringify(type)}`,
    );
  });

  it("refuses a clip list that is not a list", () => {
    const error = refusal(() =>
      validateTransferRequest({ ...transfer, transfer_type: "FULL_TRANSFER", clip_id_list: "c1" }),
    );
    expect(error.field).toBe("clip_id_list");
    expect(error.message).toBe("clip_id_list: expected a list of clip IDs");
  });

  it("refuses an empty clip list on a full transfer: leave it out", () => {
    const error = refusal(() =>
      validateTransferRequest({ ...transfer, transfer_type: "FULL_TRANSFER", clip_id_list: [] }),
    );
    expect(error.field).toBe("clip_id_list");
    expect(error.message).toBe("clip_id_list: the list is empty; leave it out instead");
  });

  it.each([
    [{ ...transfer, transfer_type: "FULL_TRANSFER" }],
    [{ ...transfer, transfer_type: "FULL_TRANSFER", clip_id_list: ["c1"] }],
    [{ ...transfer, transfer_type: "PARTIAL_TRANSFER", clip_id_list: ["c1"] }],
  ])("accepts %j", (body) => {
    expect(() => validateTransferRequest(body)).not.toThrow();
  });
});

describe("validatePageSize", () => {
  it.each([undefined, null, 30, "300", 300])("accepts %j on /clips", (size) => {
    expect(() => validatePageSize("/clips", size)).not.toThrow();
  });

  it("knows nothing of a path without a page_size", () => {
    expect(() => validatePageSize("/clips/{clipId}", 0)).not.toThrow();
  });

  // A query value is read as the server reads it: "29" is the number 29.
  it.each([
    ["29", "29"],
    [true, "true"],
    ["thirty", '"thirty"'],
  ])("refuses %j on /clips", (size, shown) => {
    const error = refusal(() => validatePageSize("/clips", size));
    expect(error.field).toBe("page_size");
    expect(error.message).toBe(`page_size: expected a whole number from 30 to 300, got ${shown}`);
  });
});

describe("the request check of the client", () => {
  it("refuses a transfer body that is not JSON, sending nothing", async () => {
    const fake = fakeFetch(() => json({}));
    const client = createZoomClipsClient({ auth: "token", fetch: fake.fetch });
    const error = await client
      .POST("/clips/transfers", {
        body: "not json" as never,
        bodySerializer: (body: unknown) => String(body),
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClipKitValidationError);
    expect((error as ClipKitValidationError).field).toBe("body");
    expect((error as Error).message).toBe("body: expected a JSON body");
    expect(fake.requests).toHaveLength(0);
  });
});
