/** The body as JSON when it parses, else the text itself (an HTML page, a plain message). */
export function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The media type alone, lower-cased: `Application/JSON; charset=utf-8` → `application/json`. */
function mediaType(contentType: string): string {
  const [type] = contentType.split(";", 1);
  // Stryker disable next-line StringLiteral: split always yields a first element: the fallback is never used
  return type?.trim().toLowerCase() ?? "";
}

/** Whether a media type is JSON (`application/json`, `application/problem+json`, …). */
export function isJsonType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const type = mediaType(contentType);
  return type === "application/json" || type.endsWith("+json");
}

/**
 * Whether a response body is a document to read whole (JSON, text, forms, or no type at all)
 * rather than bytes to stream (video, audio, images, `application/octet-stream`).
 */
export function isDocumentType(contentType: string | null | undefined): boolean {
  if (!contentType) return true;
  // An API answers with one content type, again and again: the last verdict is kept.
  // Stryker disable next-line ConditionalExpression: without the shortcut the verdict is computed again, alike
  if (contentType === last.contentType) return last.document;
  const type = mediaType(contentType);
  const document =
    isJsonType(type) ||
    type.startsWith("text/") ||
    type === "application/xml" ||
    type.endsWith("+xml") ||
    type === "application/x-www-form-urlencoded";
  // Stryker disable next-line ObjectLiteral: a cache: without it every verdict is computed, alike
  last = { contentType, document };
  return document;
}

let last = { contentType: "", document: true };

/**
 * Reads up to `capBytes` of a body as text and cancels the rest: an error page can be huge, or
 * never end, and only its start is worth showing.
 */
export async function readCappedText(
  body: ReadableStream<Uint8Array> | null,
  capBytes: number,
): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let read = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = capBytes - read;
      text += decoder.decode(value.subarray(0, room), { stream: true });
      read += value.byteLength;
      if (read >= capBytes) {
        await reader.cancel().catch(() => {});
        break;
      }
    }
  } finally {
    reader.releaseLock();
  }
  return text + decoder.decode();
}
