export { create{{Pascal}}Client } from "./client.js";
export type { components, operations, paths } from "./generated/schema.js";
export {
  DEFAULT_BASE_URL,
  PACKAGE_NAME,
  type {{Pascal}}Client,
  type {{Pascal}}ClientOptions,
  VERSION,
  {{camel}}Vendor,
} from "./lean-client.js";
