/**
 * Items that may still arrive while workers run (an account's listing that goes on as the
 * first users' files download): `push` them, `close` once no more will come.
 */
export class WorkQueue<T> {
  private items: Array<T | undefined> = [];
  private head = 0;
  private closed = false;
  private waiting: Array<() => void> = [];

  static of<T>(items: readonly T[]): WorkQueue<T> {
    const queue = new WorkQueue<T>();
    queue.push(items);
    queue.close();
    return queue;
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

  /** The next item, waiting for one while the queue is open; undefined once closed and empty. */
  async take(): Promise<{ item: T } | undefined> {
    for (;;) {
      if (this.head < this.items.length) {
        const item = this.items[this.head] as T;
        // Taken items are let go of: a 30,000-file account is not held twice.
        this.items[this.head++] = undefined;
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
