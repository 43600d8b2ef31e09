// The portal's processes as Linux shows them in /proc: tests that kill a
// parent or its workers find the others here (procps is not a dependency).
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** A process's state and parent from /proc/<pid>/stat (both follow the name in parentheses, which may hold spaces). */
function statOf(pid: number): { state: string; parent: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state!, parent: Number(parent) };
  } catch {
    return undefined; // Gone meanwhile.
  }
}

/** The processes whose parent is `pid`. */
export function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((entry) => statOf(entry)?.parent === pid);
}

/** Whether `pid` still runs: a zombie has ended, only its parent has not collected it yet. */
export function isRunning(pid: number): boolean {
  return existsSync(`/proc/${pid}`) && statOf(pid)?.state !== 'Z';
}
