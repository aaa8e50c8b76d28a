import { fileURLToPath } from "node:url";
import { prismGlobalSetup } from "@clipkit/contract-harness";

export default prismGlobalSetup(
  fileURLToPath(new URL("../../../specs/zoom-cloud-recording.yaml", import.meta.url)),
);
