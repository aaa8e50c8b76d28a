// Issue 12: every operation, fuzzed against Prism from the spec's own limits (see
// @clipkit/contract-harness's fuzz.ts). `pnpm fuzz` runs it with many more inputs.
import { describeFuzz } from "@clipkit/contract-harness";
import { requestSchemas } from "../../src/generated/limits.js";
import { createZoomClipsClient } from "../../src/index.js";

describeFuzz({
  schemas: requestSchemas,
  client: (fetch, baseUrl) =>
    createZoomClipsClient({
      auth: "fuzz-token",
      baseUrl,
      fileBaseUrl: baseUrl,
      fetch,
      maxRetries: 0,
    }),
});
