/**
 * Runs per operation and seed for the fuzz suites: a fixed seed and a few runs in `pnpm test`;
 * `pnpm fuzz` sets CLIPKIT_FUZZ_RUNS (and CLIPKIT_FUZZ_SEED) for more.
 */
export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): { runs: number; seed: number } {
  const runs = Number(env.CLIPKIT_FUZZ_RUNS ?? 30);
  const seed = Number(env.CLIPKIT_FUZZ_SEED ?? 20261123);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`CLIPKIT_FUZZ_RUNS: ${runs}`);
  if (!Number.isInteger(seed)) throw new Error(`CLIPKIT_FUZZ_SEED: ${seed}`);
  return { runs, seed };
}
