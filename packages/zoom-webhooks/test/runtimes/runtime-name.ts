// Which runtime runs the bundle (Node, Deno, Bun or workerd), with its version.

declare const Deno: { version: { deno: string } } | undefined;
declare const Bun: { version: string } | undefined;
declare const navigator: { userAgent?: string } | undefined;

/** Which runtime this is, with its version. */
export function runtimeName(): string {
  if (typeof Deno !== "undefined") return `deno ${Deno.version.deno}`;
  if (typeof Bun !== "undefined") return `bun ${Bun.version}`;
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  if (process?.versions?.node) return `node ${process.versions.node}`;
  return navigator?.userAgent ?? "unknown";
}
