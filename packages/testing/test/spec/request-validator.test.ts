import { describe, expect, it } from "vitest";
import { createRequestValidator } from "../../src/spec/request-validator.js";
import { loadSpec } from "../../src/spec/specs.js";

const clips = createRequestValidator(loadSpec("zoom-clips"));
const uplynk = createRequestValidator(loadSpec("uplynk-clipping"));
const q = (query: string) => new URLSearchParams(query);

describe("createRequestValidator", () => {
  it.each([
    { method: "GET", path: "/clips", query: "page_size=30&status=RECORD_SUCCESS", want: [] },
    {
      method: "GET",
      path: "/clips",
      query: "page_size=301",
      want: ["query parameter page_size must be <= 300"],
    },
    {
      method: "GET",
      path: "/clips",
      query: "page_size=abc",
      want: ["query parameter page_size must be integer"],
    },
    {
      method: "GET",
      path: "/clips",
      query: "status=DONE",
      want: ["query parameter status must be equal to one of the allowed values"],
    },
    {
      method: "GET",
      path: "/clips",
      query: "from=yesterday",
      want: ['query parameter from must match format "date-time"'],
    },
    { method: "GET", path: "/clips/transfers/t1", query: "", want: [] },
    {
      method: "PUT",
      path: "/clips/c1",
      query: "",
      want: ["PUT is not an operation of /clips/{clipId}"],
    },
  ])("$method $path?$query → $want", ({ method, path, query, want }) => {
    expect(clips(method, path, q(query), {}).violations.map((v) => v.message)).toEqual(want);
  });

  it("matches literal segments before parameters", () => {
    expect(clips("GET", "/clips/transfers/t1", q(""), {}).template).toBe(
      "/clips/transfers/{taskId}",
    );
    expect(clips("GET", "/clips/abc", q(""), {}).template).toBe("/clips/{clipId}");
  });

  it("reports a path the spec does not have, without a template", () => {
    const { template, violations } = clips("GET", "/nope", q(""), {});
    expect(template).toBeUndefined();
    expect(violations[0]?.code).toBe("NO_PATH_MATCHED_ERROR");
  });

  it.each([
    { body: { beam: "b", start: 1, stop: 2 }, ok: true },
    { body: { beam: "b", start: 1, stop_time: "2024-01-03T17:52:39Z" }, ok: false },
    { body: { start: 1, stop: 2 }, ok: false },
    { body: undefined, ok: false },
  ])("checks JSON bodies: $body → $ok", ({ body, ok }) => {
    const { violations } = uplynk("POST", "/clipping_draft", q(""), {}, body);
    expect(violations.length === 0).toBe(ok);
    if (!ok) expect(violations[0]?.location[0]).toBe("body");
  });

  it("checks a JSON body's fields against the spec (Clips transfer)", () => {
    const { violations } = clips(
      "POST",
      "/clips/transfers",
      q(""),
      {},
      {
        source_owner_user_id: "a",
        target_owner_user_id: "b",
        transfer_type: "SOME",
      },
    );
    expect(violations.map((v) => v.message)).toContain(
      "request body/transfer_type must be equal to one of the allowed values",
    );
  });
});
