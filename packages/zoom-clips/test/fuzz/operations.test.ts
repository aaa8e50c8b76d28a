// Issue 12: every operation, fuzzed against Prism from the spec's own limits (see
// @clipkit/contract-harness's fuzz.ts). `pnpm fuzz` runs it with many more inputs.
import { fuzzOperation, fuzzSettings, fuzzSkipReason } from "@clipkit/contract-harness";
import { describe, expect, inject, it } from "vitest";
import { requestSchemas } from "../../src/generated/limits.js";
import { createZoomClipsClient } from "../../src/index.js";

const { runs, seed } = fuzzSettings();
const operations = Object.entries(requestSchemas).filter(([, op]) => !fuzzSkipReason(op));

describe("fuzz: every input is sent intact and accepted by Prism, or refused with nothing sent", () => {
  it.each(operations.map(([key]) => key))("%s", async (operation) => {
    const baseUrl = inject("prismUrl");
    const report = await fuzzOperation(operation, {
      schemas: requestSchemas,
      baseUrl,
      runs,
      seed,
      client: (fetch) =>
        createZoomClipsClient({
          auth: "fuzz-token",
          baseUrl,
          fileBaseUrl: baseUrl,
          fetch,
          maxRetries: 0,
        }),
    });
    console.log(
      `fuzz ${operation}: ${report.runs} runs, ${report.sent} sent, ${report.refused} refused`,
    );
    expect(report.runs).toBe(runs);
    expect(report.sent, "at least one input must get through").toBeGreaterThan(0);
  });
});
