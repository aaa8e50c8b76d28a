import { fileURLToPath } from "node:url";
import { prismGlobalSetup } from "@clipkit/contract-harness";

export default prismGlobalSetup(
  fileURLToPath(new URL("../../../specs/zoom-users.yaml", import.meta.url)),
);
