export {
  create{{Pascal}}Client,
  DEFAULT_BASE_URL,
  PACKAGE_NAME,
  type {{Pascal}}Client,
  type {{Pascal}}ClientOptions,
  VERSION,
  {{camel}}Vendor,
} from "./client.js";
export type { components, operations, paths } from "./generated/schema.js";
