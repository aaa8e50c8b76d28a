import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The APIs this package mocks, named as their specs are. */
export type MockApi = "zoom-clips" | "zoom-cloud-recording" | "uplynk-clipping";

export const MOCK_APIS: readonly MockApi[] = [
  "zoom-clips",
  "zoom-cloud-recording",
  "uplynk-clipping",
];

/** Path of the spec shipped inside this package (JSON, converted from the repo's YAML at build). */
export function specPath(api: MockApi): string {
  if (!MOCK_APIS.includes(api)) {
    throw new RangeError(
      `unknown API ${JSON.stringify(api)}; expected one of ${MOCK_APIS.join(", ")}`,
    );
  }
  return fileURLToPath(new URL(`../../specs/${api}.json`, import.meta.url));
}

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document as parsed JSON.
export type OpenApiDocument = any;

const loaded = new Map<MockApi, OpenApiDocument>();

export function loadSpec(api: MockApi): OpenApiDocument {
  let spec = loaded.get(api);
  if (!spec) {
    spec = JSON.parse(readFileSync(specPath(api), "utf8"));
    loaded.set(api, spec);
  }
  return spec;
}
