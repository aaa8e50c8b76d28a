import type { FakeClock } from "./clock.js";
import { randomId, seededRandom } from "./random.js";

/** A listing's position, kept by the fake behind an opaque `next_page_token`. */
export interface Cursor<Key> {
  /** The items matched by the first page, so later pages neither skip nor repeat. */
  ids: Key[];
  offset: number;
  pageSize: number;
}

/** Opaque page tokens that expire `ttlMs` after they were issued (on the fake's clock). */
export function createPageTokens<C extends Cursor<unknown>>(clock: FakeClock, ttlMs: number) {
  const cursors = new Map<string, { cursor: C; expiresAt: number }>();
  const random = seededRandom(0x5eed);
  return {
    /** The page of `cursor` and the token of the next one ("" on the last page). */
    page(cursor: C): { ids: C["ids"]; next: string } {
      const ids = cursor.ids.slice(cursor.offset, cursor.offset + cursor.pageSize);
      const offset = cursor.offset + cursor.pageSize;
      if (offset >= cursor.ids.length) return { ids, next: "" };
      const next = randomId(random, 32);
      cursors.set(next, { cursor: { ...cursor, offset }, expiresAt: clock.now() + ttlMs });
      return { ids, next };
    },
    /** The cursor behind `token`, or undefined when it is unknown or expired. */
    resume(token: string): C | undefined {
      const found = cursors.get(token);
      return found && found.expiresAt > clock.now() ? found.cursor : undefined;
    },
  };
}
