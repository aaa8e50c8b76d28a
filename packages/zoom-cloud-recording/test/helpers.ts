import { strictFetch } from "@clipkit/contract-harness";
import { inject } from "vitest";
import { createZoomCloudRecordingClient } from "../src/index.js";

/**
 * A client of the test run's Prism mock that fails the test when Prism finds the request
 * outside the spec. No retries: forced 429/5xx answers must reach the test at once.
 */
export const prismClient = () =>
  createZoomCloudRecordingClient({
    auth: "test-token",
    baseUrl: inject("prismUrl"),
    fetch: strictFetch(),
    maxRetries: 0,
  });

/** Drains an async iterable into an array. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
