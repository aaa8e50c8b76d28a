export {
  create{{Pascal}}Client,
  DEFAULT_BASE_URL,
  type {{Pascal}}Client,
  type {{Pascal}}ClientOptions,
} from "./client.js";
export type { components, operations, paths } from "./generated/schema.js";
