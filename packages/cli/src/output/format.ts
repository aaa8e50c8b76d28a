const UNITS = ["B", "KiB", "MiB", "GiB", "TiB"];

/** `1.5 MiB` */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

/** An operation the credentials may not call, and the scopes that would let them. */
export function missingScopesText(op: {
  operation: string;
  purpose: string;
  scopes: { macro: readonly string[]; granular: readonly string[] };
}): string {
  const any = [...op.scopes.granular, ...op.scopes.macro];
  return `the Zoom app's scopes do not allow ${op.operation} (${op.purpose}): add one of ${any.join(", ")}`;
}
