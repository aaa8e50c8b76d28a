import { fileURLToPath } from "node:url";
import { loadSpec, type MockApi } from "./specs.js";

/** Path of the spec shipped inside this package (JSON, for Prism). */
export function specPath(api: MockApi): string {
  loadSpec(api); // refuses an unknown name
  return fileURLToPath(new URL(`../../specs/${api}.json`, import.meta.url));
}
