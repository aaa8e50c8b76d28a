import { strictFetch } from "@clipkit/contract-harness";
import { describe, expect, inject, it } from "vitest";
import { create{{Pascal}}Client } from "../src/index.js";
import { responseExample } from "./spec-example.js";

const client = () =>
  create{{Pascal}}Client({ auth: "test-token", baseUrl: inject("prismUrl"), fetch: strictFetch() });

describe("GET {{path}} against Prism", () => {
  it("answers {{status}} with the spec's example body", async () => {
    const { data, error, response } = await client().GET("{{path}}", {
      params: {{params}},
      headers: { Prefer: "{{prefer}}" },
    });
    expect(error).toBeUndefined();
    expect(response.status).toBe({{status}});
    const want = responseExample("get", "{{path}}", "{{status}}"{{exampleArg}});
    expect(want, "the spec documents no JSON example for this response").toBeDefined();
    expect(data).toEqual(want);
  });
});
