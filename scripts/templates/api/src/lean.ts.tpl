// `@clipkit/{{name}}/lean`: the client without request validation, for apps that count bytes.
// Requests are not checked against the spec before they are sent: the server's answer is the
// check. The main entry's `create{{Pascal}}Client` checks them, and is the one to use unless
// the bytes matter.
import { build{{Pascal}}Client, type {{Pascal}}Client, type {{Pascal}}ClientOptions } from "./lean-client.js";

export type { components, operations, paths } from "./generated/schema.js";
export {
  DEFAULT_BASE_URL,
  PACKAGE_NAME,
  type {{Pascal}}Client,
  type {{Pascal}}ClientOptions,
  VERSION,
  {{camel}}Vendor,
} from "./lean-client.js";

/** The {{title}} client on the shared runtime, without the request checks of the main entry's. */
export function create{{Pascal}}Client(options: {{Pascal}}ClientOptions): {{Pascal}}Client {
  return build{{Pascal}}Client(options);
}
