/**
 * Whether the body of `request` can be sent again. A body built from a ReadableStream is
 * read once and gone; strings, bytes, Blobs and forms are buffered and can be cloned.
 */
export function isReplayable(request: Request, init: RequestInit | undefined): boolean {
  // A fast path (a bodiless Request reads as replayable below too): its `false` mutant is equivalent.
  if (request.body === null) return true;
  if (init?.body != null) return !isStream(init.body);
  // undici keeps the original body in an internal `state.body.source`, null for streams.
  const stateKey = Object.getOwnPropertySymbols(request).find((s) => s.description === "state");
  if (stateKey) {
    const state = (request as unknown as Record<symbol, { body?: { source?: unknown } | null }>)[
      stateKey
    ];
    if (state?.body) return state.body.source != null;
  }
  // Other runtimes do not tell; a cloned (teed) body replays, at the cost of buffering it.
  return true;
}

function isStream(body: unknown): boolean {
  return (
    typeof body === "object" &&
    body !== null &&
    (typeof (body as ReadableStream).getReader === "function" || Symbol.asyncIterator in body)
  );
}
