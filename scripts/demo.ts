// The main job of the README: start a Prism mock per spec and run each client's example flow
// against it, printing what came back. Usage: pnpm demo (after install; it builds first).
import { fileURLToPath } from "node:url";
import { type PrismServer, startPrism } from "@clipkit/contract-harness";
import { flows } from "./demo/flows.ts";

if (process.argv.includes("--help")) {
  console.log(
    "Usage: pnpm demo\nStarts a Prism mock per spec and runs every client's example flow against it.",
  );
  process.exit(0);
}

const servers: PrismServer[] = [];
let failed = 0;
try {
  for (const flow of flows) {
    const spec = fileURLToPath(new URL(`../specs/${flow.spec}.yaml`, import.meta.url));
    const prism = await startPrism({ spec });
    servers.push(prism);
    console.log(`\n== ${flow.title} (mock of specs/${flow.spec}.yaml at ${prism.url})`);
    try {
      await flow.run(prism.url, (line) => console.log(`   ${line}`));
    } catch (error) {
      failed++;
      console.error(`   FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await Promise.all(servers.map((server) => server.stop()));
}
console.log(
  failed === 0
    ? `\nAll ${flows.length} example flows ran.`
    : `\n${failed} of ${flows.length} flows failed.`,
);
process.exit(failed === 0 ? 0 : 1);
