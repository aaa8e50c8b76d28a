import { checkSize } from "./verify.js";

/**
 * The request body's bytes, exactly as sent. Stops reading (and refuses with too_large) past
 * `maxBodyBytes`, so a huge or endless body is never held in memory.
 */
export async function readBodyBytes(
  body: ReadableStream<Uint8Array> | null,
  maxBodyBytes: number,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > maxBodyBytes) {
        await reader.cancel().catch(() => {});
        checkSize(length, maxBodyBytes);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
