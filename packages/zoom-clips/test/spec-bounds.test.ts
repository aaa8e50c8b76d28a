// The client's page_size limits (checked before a request is sent) must be the spec's: a
// spec that changes its bounds without the client (or the reverse) fails here.
import { describe, expect, it } from "vitest";
import { LIMITS } from "../src/validation.js";
import { type Json, operations } from "./spec.js";

/** The whole-number range a page_size schema allows; `anyOf` branches are read as one. */
function bounds(schema: Json): { min: number; max: number } {
  const numeric = schema.anyOf
    ? schema.anyOf.find((branch: Json) => branch.type === "integer")
    : schema;
  return {
    min: numeric.minimum ?? 1,
    max: numeric.maximum ?? Number.POSITIVE_INFINITY,
  };
}

const listOperations = operations()
  .map((op) => ({
    path: op.path,
    pageSize: op.parameters.find((p: Json) => p.name === "page_size" && p.in === "query"),
  }))
  .filter((op) => op.pageSize);

describe("page_size limits", () => {
  it("exist for exactly the operations whose spec has a page_size", () => {
    expect(listOperations.map((op) => op.path).sort()).toEqual(Object.keys(LIMITS.pageSize).sort());
  });

  it.each(listOperations)("match the spec for $path", ({ path, pageSize }) => {
    expect(LIMITS.pageSize[path]).toEqual(bounds(pageSize.schema));
  });

  it("follow Zoom's published Clips documents where the seeds are silent", () => {
    expect(LIMITS.pageSize["/clips"]).toEqual({ min: 30, max: 300 });
    expect(LIMITS.pageSize["/accounts/{accountId}/clips"]).toEqual({ min: 30, max: 300 });
  });
});
