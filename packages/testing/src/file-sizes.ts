/** A fake's file size option: one size in bytes for every file, or a range to draw from. */
export type FileSizes = number | { min: number; max: number };

/**
 * `sizes` as given, once each is a whole number of bytes (`field` names the option in the
 * error): a fraction would be served as a `Content-Length` no HTTP client parses (the download
 * fails as a protocol error, and a client that retries it takes minutes to give up).
 */
export function wholeSizes(field: string, sizes: FileSizes): FileSizes {
  const { min, max } = typeof sizes === "number" ? { min: sizes, max: sizes } : sizes;
  for (const [name, bytes] of [
    ["min", min],
    ["max", max],
  ] as const) {
    if (!Number.isSafeInteger(bytes) || bytes < 0) {
      const where = typeof sizes === "number" ? field : `${field}.${name}`;
      throw new RangeError(`${where}: expected a whole number of bytes, got ${bytes}`);
    }
  }
  if (max < min) throw new RangeError(`${field}: max is below min`);
  return sizes;
}
