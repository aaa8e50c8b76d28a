/**
 * Items that may still arrive while workers run (an account's listing that goes on as the
 * first users' files download): `push` them, `close` once no more will come.
 */
export class WorkQueue<T> {
  private items: Array<T | undefined> = [];
  private head = 0;
  private closed = false;
  private waiting: Array<() => void> = [];
  /** A producer waiting for room (`room`): at most `limit` items waiting. */
  private roomWanted: { limit: number; resolve: () => void } | undefined;

  static of<T>(items: readonly T[]): WorkQueue<T> {
    const queue = new WorkQueue<T>();
    queue.push(items);
    queue.close();
    return queue;
  }

  /** Items pushed and not yet taken. */
  get waitingItems(): number {
    return this.items.length - this.head;
  }

  /** Adds `items` (an array, not spread: a user may have more files than a call takes arguments). */
  push(items: readonly T[]): void {
    for (const item of items) this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  /**
   * Resolves once at most `limit` items wait to be taken: a producer that awaits it before
   * pushing more stays that far ahead of the workers. Rejects with `signal`'s reason when it
   * aborts (the workers may have stopped taking). One producer at a time.
   */
  room(limit: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.waitingItems <= limit) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.roomWanted = undefined;
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.roomWanted = {
        limit,
        resolve: () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        },
      };
    });
  }

  /** The next item, waiting for one while the queue is open; undefined once closed and empty. */
  async take(): Promise<{ item: T } | undefined> {
    for (;;) {
      if (this.head < this.items.length) {
        const item = this.items[this.head] as T;
        // Taken items are let go of: a 30,000-file account is not held twice.
        this.items[this.head++] = undefined;
        // And so are their slots, once they are most of the array.
        if (this.head > 1024 && this.head * 2 > this.items.length) {
          this.items = this.items.slice(this.head);
          this.head = 0;
        }
        const wanted = this.roomWanted;
        if (wanted && this.waitingItems <= wanted.limit) {
          this.roomWanted = undefined;
          wanted.resolve();
        }
        return { item };
      }
      if (this.closed) return undefined;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/**
 * Runs `work` on each item with at most `concurrency` at a time, in order of the list (or of
 * the queue, as items arrive, until it is closed); no worker takes another item once
 * `stopped()` says so (an interrupt, a daily limit). `work` handles its own errors: one item's
 * failure is not the others'.
 */
export async function eachConcurrently<T>(
  items: readonly T[] | WorkQueue<T>,
  concurrency: number,
  stopped: () => boolean,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = items instanceof WorkQueue ? items : WorkQueue.of(items);
  const worker = async () => {
    while (!stopped()) {
      const next = await queue.take();
      if (!next) return;
      await work(next.item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
