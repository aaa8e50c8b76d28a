// The main job of the README: start a stateful mock per API (@clipkit/testing) and run each
// client's example flow against it, printing what came back. Usage: pnpm demo (it builds first).
import { type Mock, type MockApi, startMock } from "@clipkit/testing";
import { type DemoFlow, flows } from "./demo/flows.ts";

if (process.argv.includes("--help")) {
  console.log(
    "Usage: pnpm demo\nStarts a stateful mock of each API (@clipkit/testing) and runs every client's example flow against it.",
  );
  process.exit(0);
}

const mocks: Mock[] = [];
let failed = 0;
try {
  for (const flow of flows as readonly DemoFlow<MockApi>[]) {
    const mock = await startMock(flow.spec, { mode: "stateful", fake: flow.fake });
    mocks.push(mock);
    console.log(`\n== ${flow.title} (stateful mock of specs/${flow.spec}.yaml at ${mock.baseUrl})`);
    try {
      await flow.run(mock, (line) => console.log(`   ${line}`));
    } catch (error) {
      failed++;
      console.error(`   FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
} finally {
  await Promise.all(mocks.map((mock) => mock.close()));
}
console.log(
  failed === 0
    ? `\nAll ${flows.length} example flows ran.`
    : `\n${failed} of ${flows.length} flows failed.`,
);
process.exit(failed === 0 ? 0 : 1);
