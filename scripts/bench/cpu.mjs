// Where the CPU went during a measurement, from /proc (Linux); null elsewhere.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) of a Linux process, or of one of its threads; null elsewhere. */
function cpuSeconds(pid, thread = null) {
  try {
    const stat = readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime (fields 14 and 15 of proc(5)), in USER_HZ: 100 on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine has spent busy so far (all cores); null without /proc. */
function machineBusySeconds() {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal …: everything but idle and iowait was work.
    return (ticks.slice(0, 8).reduce((sum, tick) => sum + tick, 0) - ticks[3] - ticks[4]) / 100;
  } catch {
    return null;
  }
}

/**
 * Shares of one core used between two readings: the portal (all threads), its
 * main thread, this process (autocannon) and everything else on the machine.
 */
export function cpuMeter(pid) {
  const read = () => ({ portal: cpuSeconds(pid), main: cpuSeconds(pid, pid), machine: machineBusySeconds(), bench: process.cpuUsage(), at: process.hrtime.bigint() });
  const start = read();
  return () => {
    const end = read();
    const seconds = Number(end.at - start.at) / 1e9;
    const share = (key) => (start[key] === null || end[key] === null ? null : (end[key] - start[key]) / seconds);
    const used = process.cpuUsage(start.bench);
    const bench = (used.user + used.system) / 1e6 / seconds;
    const portal = share('portal');
    const machine = share('machine');
    return { portal, main: share('main'), bench, others: portal === null || machine === null ? null : Math.max(0, machine - portal - bench) };
  };
}

/** CPU seconds of a process and every process below it (cluster workers, nginx's workers); null without /proc. */
function treeCpuSeconds(root) {
  try {
    const parents = new Map();
    const own = new Map();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        parents.set(Number(entry), Number(fields[1]));
        own.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / 100);
      } catch {
        // Gone meanwhile.
      }
    }
    const inTree = (pid) => {
      for (let at = pid; at > 1; at = parents.get(at) ?? 0) if (at === root) return true;
      return false;
    };
    let seconds = 0;
    for (const [pid, used] of own) if (inTree(pid)) seconds += used;
    return seconds;
  } catch {
    return null;
  }
}

/**
 * CPU time a server spent per answer between two readings, all its processes
 * together (a cluster's primary and workers, nginx's master and workers):
 * what an answer costs whoever else shares the cores, which requests per
 * second on a machine shared with the load generator cannot say.
 */
export function serverCpuMeter(pid) {
  const start = treeCpuSeconds(pid);
  return (answers) => {
    const end = treeCpuSeconds(pid);
    return start === null || end === null || answers === 0 ? null : ((end - start) / answers) * 1e6;
  };
}

/**
 * Waits until a server and its processes have been nearly idle (under `share`
 * of a core) for a second, or `timeoutMs` has passed; true if they were.
 */
export async function untilQuiet(root, { share = 0.05, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const before = treeCpuSeconds(root);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = treeCpuSeconds(root);
    if (before === null || after === null) return false;
    if (after - before < share) return true;
  }
  return false;
}
