import { describe, expect, inject, it } from "vitest";
import { type FuzzOptions, fuzzOperation, fuzzSkipReason } from "./fuzz.js";
import { fuzzSettings } from "./fuzz-settings.js";

export interface FuzzSuiteOptions extends Pick<FuzzOptions, "schemas" | "encodeSegment"> {
  /** A client with no retries against `baseUrl` (Prism's), every request through `fetch`. */
  client: (fetch: typeof globalThis.fetch, baseUrl: string) => unknown;
}

/**
 * One vitest test per operation of `schemas` (those the fuzzer can drive): every generated
 * input is either sent intact and accepted by Prism (`inject("prismUrl")`), or refused with
 * nothing sent. `pnpm fuzz` raises the runs through CLIPKIT_FUZZ_RUNS.
 */
export function describeFuzz({ schemas, encodeSegment, client }: FuzzSuiteOptions): void {
  const { runs, seed } = fuzzSettings();
  const operations = Object.entries(schemas).filter(([, op]) => !fuzzSkipReason(op));
  describe("fuzz: every input is sent intact and accepted by Prism, or refused with nothing sent", () => {
    it.each(operations.map(([key]) => key))("%s", async (operation) => {
      const baseUrl = inject("prismUrl");
      const report = await fuzzOperation(operation, {
        schemas,
        baseUrl,
        runs,
        seed,
        ...(encodeSegment ? { encodeSegment } : {}),
        client: (fetch) => client(fetch, baseUrl),
      });
      console.log(
        `fuzz ${operation}: ${report.runs} runs, ${report.sent} sent, ${report.refused} refused`,
      );
      expect(report.runs).toBe(runs);
      expect(report.sent, "at least one input must get through").toBeGreaterThan(0);
    });
  });
}
