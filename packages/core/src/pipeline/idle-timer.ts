/** Watches for "nothing moved for `idleMs`"; see `idleTimer`. */
export interface IdleTimer {
  /** Something moved: the quiet starts again from now. */
  touch(): void;
  /** Start watching (again), counting from now. */
  resume(): void;
  /** Stop watching until `resume` (the timer, if armed, lapses without firing). */
  pause(): void;
  /** Stop for good. */
  stop(): void;
}

/**
 * One timer for a body's idle limit, in either direction: `onIdle` runs once when, while
 * watching, nothing has moved for `idleMs`. A movement costs a clock read, not a timer: the
 * one timer, when it fires early, re-arms itself for what is left of the quiet.
 */
export function idleTimer(idleMs: number, onIdle: () => void): IdleTimer {
  let last = Date.now();
  let watching = false;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number) => {
    timer = setTimeout(fire, ms);
    // The body's own I/O keeps a process alive while it moves; this timer must not keep it
    // alive after a paused body was dropped (Node has unref; other runtimes go without).
    (timer as { unref?: () => void }).unref?.();
  };
  function fire() {
    timer = undefined;
    if (stopped || !watching) return;
    const quiet = Date.now() - last;
    if (quiet < idleMs) return arm(idleMs - quiet);
    stopped = true;
    onIdle();
  }
  return {
    touch() {
      last = Date.now();
    },
    resume() {
      if (stopped) return;
      last = Date.now();
      watching = true;
      if (timer === undefined) arm(idleMs);
    },
    pause() {
      watching = false;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
