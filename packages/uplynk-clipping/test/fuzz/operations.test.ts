// Issue 12: every operation, fuzzed against Prism from the spec's own limits (see
// @clipkit/contract-harness's fuzz.ts). `pnpm fuzz` runs it with many more inputs.
import { describeFuzz } from "@clipkit/contract-harness";
import { requestSchemas } from "../../src/generated/limits.js";
import { createUplynkClippingClient } from "../../src/index.js";

describeFuzz({
  schemas: requestSchemas,
  client: (fetch, baseUrl) =>
    createUplynkClippingClient({
      owner: "fuzz-owner",
      apiKey: "fuzz-key",
      baseUrl,
      fetch,
      maxRetries: 0,
    }),
});
