/**
 * At most `limit` grants in any `windowMs`: the times of the last `limit` grants are kept, and
 * the next grant may start once the oldest of them is a window old. Stricter than a token
 * bucket, whose full bucket plus a window's refill would let twice the limit through in one
 * window — and Zoom counts the window, not a bucket. Grants are reserved synchronously, in
 * call order, so concurrent callers get distinct slots; slot times never decrease.
 */
export class SlidingWindow {
  private times: number[] = [];
  private next = 0;

  constructor(
    public limit: number,
    readonly windowMs: number,
  ) {}

  /** The earliest time at or after `now` this window allows another grant. */
  earliest(now: number): number {
    if (this.times.length < this.limit) return now;
    const oldest = this.times[this.next] as number;
    return Math.max(now, oldest + this.windowMs);
  }

  /** Records a grant at `at` (not before `earliest`). */
  record(at: number): void {
    if (this.times.length < this.limit) {
      this.times.push(at);
      return;
    }
    this.times[this.next] = at;
    this.next = (this.next + 1) % this.limit;
  }

  /** A new limit learned from the server; the grants so far still count. */
  resize(limit: number): void {
    if (limit === this.limit || limit < 1) return;
    // Oldest first, then keep the newest `limit` of them.
    const ordered = [...this.times.slice(this.next), ...this.times.slice(0, this.next)];
    this.times = ordered.slice(-limit);
    this.next = 0;
    this.limit = limit;
  }
}
