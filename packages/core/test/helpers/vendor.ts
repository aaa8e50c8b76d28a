import type { VendorProfile } from "../../src/index.js";

export const testVendor: VendorProfile = {
  userAgent: "@clipkit/test-api/9.9.9",
  requestIdHeader: "x-request-id",
  redactQueryParams: ["apikey"],
};

/** Pipeline options that never wait: delays are recorded instead of slept. */
export function recordedDelays() {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms: number, signal: AbortSignal) => {
      delays.push(ms);
      signal.throwIfAborted();
    },
    random: () => 0.5,
  };
}
