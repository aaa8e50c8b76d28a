import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

export interface BodyFaults {
  /** Pace the body at this rate. */
  bytesPerSecond?: number;
  /** Destroy the connection once this many bytes are written. */
  resetAfterBytes?: number;
}

/**
 * Streams `chunks` into `res` with backpressure, stopping when the client goes away; the
 * faults slow the body down or cut it off mid-way (a reset, not a clean end).
 */
export async function sendChunks(
  res: ServerResponse,
  chunks: Iterable<Buffer>,
  faults: BodyFaults = {},
): Promise<void> {
  let sent = 0;
  const slice = faults.bytesPerSecond
    ? Math.max(1, Math.floor(faults.bytesPerSecond / 20))
    : Number.POSITIVE_INFINITY;
  for (const chunk of chunks) {
    for (let at = 0; at < chunk.length; at += slice) {
      if (res.destroyed) return;
      let piece = chunk.subarray(at, Math.min(chunk.length, at + slice));
      const cut =
        faults.resetAfterBytes !== undefined && sent + piece.length >= faults.resetAfterBytes;
      if (cut) piece = piece.subarray(0, (faults.resetAfterBytes ?? 0) - sent);
      const flushed = res.write(piece);
      sent += piece.length;
      if (cut) {
        // Let the bytes reach the client, then drop the connection without ending the body.
        await new Promise<void>((resolve) => res.write("", () => resolve()));
        res.socket?.destroy();
        return;
      }
      if (!flushed) {
        // Whichever event comes first, drop the other's listener: one per wait adds up.
        const done = new AbortController();
        await Promise.race([
          once(res, "drain", { signal: done.signal }),
          once(res, "close", { signal: done.signal }),
        ]).finally(() => done.abort());
      }
      if (faults.bytesPerSecond) await sleep((piece.length / faults.bytesPerSecond) * 1000);
    }
  }
  if (!res.destroyed) res.end();
}
