// The command line of the benchmarks (`pnpm bench:*`): `--help` prints the bench's text, and a
// numeric flag that is not what it takes ends the run with exit 2, before anything starts.

/** Prints `help` and exits 0 when `--help` was given. */
export function helpFlag(help: string): void {
  if (!process.argv.includes("--help")) return;
  console.log(help);
  process.exit(0);
}

/**
 * `--<name> <n>`, or `fallback` when absent: a whole number of at least 1, or with `positive`
 * any number above 0 (a fraction of a MiB, say).
 */
export function numberFlag(name: string, fallback: number, kind: "whole" | "positive" = "whole") {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  const ok = kind === "whole" ? Number.isInteger(value) && value >= 1 : value > 0;
  if (!ok) {
    console.error(
      `--${name} takes ${kind === "whole" ? "a whole number of at least 1" : "a positive number"}`,
    );
    process.exit(2);
  }
  return value;
}
