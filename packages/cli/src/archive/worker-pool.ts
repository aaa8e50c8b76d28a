/**
 * Runs `work` on each item with at most `concurrency` at a time, in order of the list; no
 * worker takes another item once `stopped()` says so (an interrupt, a daily limit). `work`
 * handles its own errors: one item's failure is not the others'.
 */
export async function eachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  stopped: () => boolean,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!stopped() && next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
