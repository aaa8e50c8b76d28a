// The Prism starter and the strict fetch live in @clipkit/testing (users get them too); the
// harness keeps the vitest wiring our own packages' contract tests use.
export {
  freePort,
  type PrismOptions,
  type PrismServer,
  SpecViolationError,
  startPrism,
  strictFetch,
} from "@clipkit/testing";
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
export { describeFuzz, type FuzzSuiteOptions } from "./fuzz-suite.js";
export { prismGlobalSetup } from "./global-setup.js";
