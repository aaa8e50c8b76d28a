// Issue 12: every operation, fuzzed against Prism from the spec's own limits (see
// @clipkit/contract-harness's fuzz.ts). `pnpm fuzz` runs it with many more inputs.
import { describeFuzz } from "@clipkit/contract-harness";
import { requestSchemas } from "../../src/generated/limits.js";
import { createZoomCloudRecordingClient, needsDoubleEncoding } from "../../src/index.js";

describeFuzz({
  schemas: requestSchemas,
  // Zoom's rule for meeting UUIDs: one more round of encoding, still one segment.
  encodeSegment: (name, value) => {
    const once = encodeURIComponent(String(value));
    const uuid = /^meeting(Id|UUID)$/.test(name) && needsDoubleEncoding(String(value));
    return uuid ? encodeURIComponent(once) : once;
  },
  client: (fetch, baseUrl) =>
    createZoomCloudRecordingClient({ auth: "fuzz-token", baseUrl, fetch, maxRetries: 0 }),
});
