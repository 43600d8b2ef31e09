// The loop of a job the server runs in the background (topic digests,
// privacy housekeeping): a first pass a while after start, then one every
// interval, never two at once; the timers do not keep the process alive, and
// stopping waits for a pass under way. Each job's pass catches and logs its
// own errors, so a failed pass only waits for the next one.

export interface BackgroundJob {
  /** Stops the timers and waits for a pass under way. */
  stop(): Promise<void>;
  /** Runs a pass now (or joins the one under way). */
  runNow(): Promise<void>;
}

export function repeatInBackground(pass: () => Promise<void>, { intervalMs, firstPassAfterMs }: { intervalMs: number; firstPassAfterMs: number }): BackgroundJob {
  let running: Promise<void> | null = null;
  function runNow(): Promise<void> {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }
  const first = setTimeout(() => void runNow(), firstPassAfterMs);
  const timer = setInterval(() => void runNow(), intervalMs);
  first.unref();
  timer.unref();
  return {
    runNow,
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
