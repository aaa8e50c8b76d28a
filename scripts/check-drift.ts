// Regenerates every API package's types in memory and fails when a committed file differs:
// a spec edited without regenerating, or a generated file edited by hand.
import { findDrift } from "./lib/drift.ts";

const drifted = await findDrift();
if (drifted.length > 0) {
  for (const line of drifted) console.error(`drift: ${line}`);
  console.error("Generated code is stale. Run `pnpm generate` and commit the result.");
  process.exit(1);
}
console.log("Generated code matches the specs.");
