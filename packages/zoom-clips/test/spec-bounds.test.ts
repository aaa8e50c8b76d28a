// The client's page_size check is the spec's: for every list operation the bounds the spec
// gives are accepted and the numbers just outside them refused, so a spec that changes its
// bounds changes the check (there is no copy of the numbers to fall behind).
import { ClipKitValidationError } from "@clipkit/core";
import { describe, expect, it } from "vitest";
import { validatePageSize } from "../src/validation.js";
import { type Json, operations } from "./spec.js";

/** The whole-number range a page_size schema allows; of an `anyOf`, its integer branch. */
function bounds(schema: Json): { min: number; max: number | undefined } {
  const numeric = schema.anyOf
    ? schema.anyOf.find((branch: Json) => branch.type === "integer")
    : schema;
  return { min: numeric.minimum ?? 1, max: numeric.maximum };
}

const listOperations = operations()
  .map((op) => ({
    path: op.path as string,
    pageSize: op.parameters.find((p: Json) => p.name === "page_size" && p.in === "query"),
  }))
  .filter((op) => op.pageSize)
  .map(({ path, pageSize }) => ({ path, ...bounds(pageSize.schema) }));

describe("page_size limits", () => {
  it("cover the list operations of the spec", () => {
    expect(listOperations.length).toBeGreaterThanOrEqual(4);
  });

  it.each(listOperations)("are the spec's for $path ($min..$max)", ({ path, min, max }) => {
    expect(() => validatePageSize(path, min)).not.toThrow();
    expect(() => validatePageSize(path, min - 1)).toThrow(ClipKitValidationError);
    if (max === undefined) {
      expect(() => validatePageSize(path, 1_000_000)).not.toThrow();
    } else {
      expect(() => validatePageSize(path, max)).not.toThrow();
      expect(() => validatePageSize(path, max + 1)).toThrow(ClipKitValidationError);
    }
  });

  it("follow Zoom's published Clips documents where the seeds are silent", () => {
    expect(() => validatePageSize("/clips", 29)).toThrow(/from 30 to 300/);
    expect(() => validatePageSize("/accounts/{accountId}/clips", 301)).toThrow(/from 30 to 300/);
  });
});
