export { freePort } from "./free-port.js";
export {
  expectedPath,
  type FuzzInput,
  type FuzzOptions,
  type FuzzReport,
  fuzzOperation,
  fuzzSkipReason,
  inputsFor,
  validFor,
} from "./fuzz.js";
export { fuzzSettings } from "./fuzz-settings.js";
export { prismGlobalSetup } from "./global-setup.js";
export { type PrismOptions, type PrismServer, startPrism } from "./prism.js";
export { SpecViolationError, strictFetch } from "./validation.js";
