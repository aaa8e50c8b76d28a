/**
 * At most `limit` grants in any `windowMs`: the times of the last `limit` grants are kept, and
 * the next grant may start once the oldest of them is a window old. Stricter than a token
 * bucket, whose full bucket plus a window's refill would let twice the limit through in one
 * window — and Zoom counts the window, not a bucket. Grants are reserved synchronously, in
 * call order, so concurrent callers get distinct slots; slot times never decrease.
 */
export class SlidingWindow {
  private times: number[] = [];
  /** Which grant each time is: a slot is reused once `limit` newer grants were recorded. */
  private grants: number[] = [];
  private next = 0;
  private count = 0;

  constructor(
    public limit: number,
    readonly windowMs: number,
  ) {}

  /** The earliest time at or after `now` this window allows another grant. */
  earliest(now: number): number {
    if (this.times.length < this.limit) return now;
    // The oldest grant, unless one was settled later than it was reserved (see `settle`).
    let oldest = this.times[this.next] as number;
    for (const time of this.times) oldest = Math.min(oldest, time);
    return Math.max(now, oldest + this.windowMs);
  }

  /** Records a grant at `at` (not before `earliest`); returns the grant, for `settle`. */
  record(at: number): number {
    const grant = ++this.count;
    if (this.times.length < this.limit) {
      this.times.push(at);
      this.grants.push(grant);
      return grant;
    }
    this.times[this.next] = at;
    this.grants[this.next] = grant;
    this.next = (this.next + 1) % this.limit;
    return grant;
  }

  /**
   * Counts `grant` from `at`, later than it was reserved for (it left late, or its answer came
   * back only then): the grants after it keep a window's distance from that time. Nothing
   * once `limit` newer grants have replaced it.
   */
  settle(grant: number, at: number): void {
    const slot = this.grants.indexOf(grant);
    if (slot !== -1 && at > (this.times[slot] as number)) this.times[slot] = at;
  }

  /** A new limit learned from the server; the grants so far still count. */
  resize(limit: number): void {
    if (limit === this.limit || limit < 1) return;
    // Oldest first, then keep the newest `limit` of them.
    const order = (list: number[]) => [...list.slice(this.next), ...list.slice(0, this.next)];
    this.times = order(this.times).slice(-limit);
    this.grants = order(this.grants).slice(-limit);
    this.next = 0;
    this.limit = limit;
  }
}
