export { freePort } from "./free-port.js";
export { prismGlobalSetup } from "./global-setup.js";
export { type PrismOptions, type PrismServer, startPrism } from "./prism.js";
export { SpecViolationError, strictFetch } from "./validation.js";
