import { specs } from "../../specs/index.js";

/** The APIs this package mocks, named as their specs are. */
export type MockApi = "zoom-clips" | "zoom-cloud-recording" | "uplynk-clipping";

export const MOCK_APIS: readonly MockApi[] = [
  "zoom-clips",
  "zoom-cloud-recording",
  "uplynk-clipping",
];

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document as parsed JSON.
export type OpenApiDocument = any;

/** The spec as an object (bundled, so this works in browsers too). */
export function loadSpec(api: MockApi): OpenApiDocument {
  if (!MOCK_APIS.includes(api)) {
    throw new RangeError(
      `unknown API ${JSON.stringify(api)}; expected one of ${MOCK_APIS.join(", ")}`,
    );
  }
  return specs[api];
}
