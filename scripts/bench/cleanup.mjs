// One place that knows what the benchmark has to undo, so the normal end, an
// error and Ctrl-C all stop the same servers and remove the same folder.
const tasks = [];

/** Registers work to undo; tasks run in reverse order (servers stop before their folder goes). */
export function atCleanup(task) {
  tasks.push(task);
}

export async function cleanUp() {
  while (tasks.length) {
    const task = tasks.pop();
    try {
      await task();
    } catch (error) {
      // Keep going: one failed step must not leave the other servers running.
      console.error(`[bench] cleanup step failed: ${error.message}`);
    }
  }
}

/** Ctrl-C or a kill: undo everything, then exit with the signal's conventional code. */
export function cleanUpOnSignals() {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(signal, async () => {
      console.error(`[bench] ${signal}: stopping the servers …`);
      await cleanUp();
      process.exit(code);
    });
  }
}
