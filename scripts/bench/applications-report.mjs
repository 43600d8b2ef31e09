// The applications section of docs/benchmarks.md.
import { markers } from './report.mjs';
import { EVENT, ORGANISATIONS, TARGET_PER_SECOND } from './applications.mjs';

export const APPLICATION_MARKERS = markers('applications');

// Other processes using more than this share of a core make the run unrepresentative.
const BUSY_MACHINE = 0.25;

const integer = (n) => Math.round(n).toLocaleString('en-US');
const cores = (share) => (share === null ? 'unknown (no /proc)' : `${share.toFixed(2)} of a core`);

/** 'met', or why not; an overbooking always fails. */
export function verdict({ measured, check }) {
  if (check.problems.length) return { met: false, text: `**FAIL**: overbooking or queue errors: ${check.problems.join('; ')}` };
  const reasons = [];
  if (measured.perSecond < TARGET_PER_SECOND) {
    const short = TARGET_PER_SECOND - measured.perSecond;
    reasons.push(`${integer(measured.perSecond)}/s is ${integer(short)}/s (${Math.round((100 * short) / TARGET_PER_SECOND)} %) short of ${TARGET_PER_SECOND}/s`);
  }
  if (measured.errors) reasons.push(`${integer(measured.errors)} requests failed`);
  return reasons.length ? { met: false, text: `**missed**: ${reasons.join('; ')}` } : { met: true, text: `**met** (${integer(measured.perSecond)}/s, no overbooking, no errors)` };
}

function measuredCosts({ measured, cpu, check, growingQueriesUs, wholeWaitlistUs, placesUs, modeFirstUs }, machineCores) {
  const lines = [];
  const mainMs = cpu.main === null ? null : (1000 * cpu.main) / measured.perSecond;
  if (mainMs === null) {
    lines.push('- CPU use per thread is read from /proc, which this system does not have.');
  } else {
    lines.push(
      `- The portal's main thread was busy ${cores(cpu.main)}: **${mainMs.toFixed(2)} ms of main-thread CPU per application**, so one portal process tops out near ${integer(1000 / mainMs)} applications/s on this CPU even with a core to itself.`,
      `- Its other threads (garbage collection, the libuv pool writing the emails) used ${cores(cpu.portal - cpu.main)} more, autocannon ${cores(cpu.bench)}, other work on the machine ${cores(cpu.others)}; the machine has ${machineCores} cores.`,
    );
    if (cpu.others > BUSY_MACHINE) lines.push(`- **Other work took ${cores(cpu.others)} during the window: these numbers are lower than this machine can do; run again on a quiet machine.**`);
  }
  const share = mainMs === null ? '' : ` (${Math.round((100 * growingQueriesUs) / 1000 / mainMs)} % of the main-thread time per application)`;
  lines.push(
    `- The three statements of the locked transaction that read the event's queue (\`countPlaces\`: the approved places; \`fillFreePlaces\`: the waitlisted entries of modes with a free seat, none here; \`waitlistPosition\`: COUNT of the earlier waitlisted entries of the newcomer's mode, on its index) took ${integer(growingQueriesUs)} µs together at the end, with ${integer(check.registrations)} registrations for the event${share}. Only the last grows with the queue (an index range count). Before issue #19, \`fillFreePlaces\` read the whole waitlist of every mode for every application (online places are still free here, as at most hybrid events, so its early return for "every mode full" never came): that read alone takes ${integer(wholeWaitlistUs)} µs at this queue length. \`countPlaces\` grouped by mode first until the same issue, and SQLite then read every row of the event (waitlisted ones included) on the (event, mode, …) index: ${integer(modeFirstUs ?? 0)} µs at this queue length, against ${integer(placesUs ?? 0)} µs grouped by organisation first, which reads the approved rows only.`,
  );
  return lines.join('\n');
}

export function applicationsSection({ date, machine: m, command, seconds, warmUpSeconds, connections, autocannonVersion, result }) {
  const { people, measured, check, emails, registrations } = result;
  const outcome = verdict(result);
  const overbooking = check.problems.length
    ? `**${check.problems.join('; ')}**`
    : `none: ${check.approved} of ${EVENT.capacity} ${EVENT.mode} places approved, at most ${check.maxPerOrganisation} per organisation (limit ${EVENT.maxPerOrganisation}), the other ${integer(check.waitlisted)} applications waitlisted, ${integer(check.registrations)} distinct queue numbers`;
  return `${APPLICATION_MARKERS.start}
## Applications per second on SQLite

- Date: ${date}
- Machine: ${m.os}; ${m.cpu}, ${m.cores} cores; ${m.memory} RAM; Node ${m.node}
- Command: \`${command}\` (${seconds} s measured after ${warmUpSeconds} s of unrecorded warm-up, ${connections} connections, autocannon ${autocannonVersion}, 127.0.0.1 only)
- Set-up: one portal process on a fresh SQLite file; ${integer(ORGANISATIONS)} accredited NGOs and ${integer(people)} verified members with sessions written straight into the database (no sign-in, so no argon2). Every request is a different member applying for the first time: \`POST /${EVENT.key}/apply\` with \`mode=${EVENT.mode}\` (open registration: ${EVENT.capacity} places in person, ${EVENT.maxPerOrganisation} per organisation, waitlist). The warm-up applies to another open event, so the race for these ${EVENT.capacity} places happens inside the measured window.
- Every application sends an email, written as an .eml file to a temporary OUTBOX_DIR (the approved ones with a calendar invitation); that work is part of the cost measured. ${integer(emails)} emails for ${integer(registrations)} registrations.
- Target (from the issue): at least ${TARGET_PER_SECOND} applications/s with zero overbooking: ${outcome.text}

| applications/s (average) | p99 latency (ms) | applications answered | errors (anything but a 303 to the account's registrations) |
|--:|--:|--:|--:|
| ${integer(measured.perSecond)} | ${integer(measured.p99Ms)} | ${integer(measured.applications)} (${measured.answers.approved} approved, ${integer(measured.answers.waitlisted)} waitlisted) | ${integer(measured.errors)} |

Overbooking, checked in the database after the portal finished every request: ${overbooking}.

### Where the time goes

Measured during this run:

${measuredCosts(result, m.cores)}

On SQLite everything happens on that one main thread: better-sqlite3 is
synchronous and Kysely's SQLite dialect has a single connection, so the
statements of all requests take turns on it, and the event lock (the
\`registration_locks\` update that opens each application's transaction)
keeps other requests off the connection until the transaction commits. The
lock costs no parallelism that SQLite would otherwise have: the limit is the
CPU time per application, not waiting. A main thread busy well under one core
was competing for the machine's cores (with the portal's other threads,
autocannon or other work) or waiting for the disk (SQLite's WAL checkpoints
run inside a commit), which lowers the rate without changing the cost.

A CPU profile of this benchmark taken by hand (2026-11-29, same machine,
about 2,300 applications) split the portal's busy main-thread time roughly
into: Astro routing, middleware and rendering plus Node's HTTP handling 26 %;
the email 22 % (nodemailer building the message 12 %, writing the .eml file
7 %, formatting the event's times for the text 3 %); executing SQL in
better-sqlite3 19 % (about a third of it preparing statements, which Kysely
does again for every query); Kysely building and compiling queries 9 %;
garbage collection 10 %; form validation with zod 2 %; the rest 10 %.

What doubled the cost per application (issue #19; \`node --cpu-prof\` on the
portal during \`BENCH_ONLY=applications BENCH_SECONDS=20\`, 2026-12-01, before
the changes, on a machine whose load average was 22, so the shares matter
more than the milliseconds): \`fillFreePlaces\` read the whole waitlist for
every application. It returns early only when every mode is full, and at this
hybrid event the online places never fill, so each newcomer read every
waitlisted row of the event, in every mode, and then skipped them all: a
cost that grows with the queue (5.7 % of the busy time with 600 waitlisted at
the end of that short run; the line above gives the read's time at this run's
queue length, in the thousands of rows on a quiet machine's 10 s run). It now
reads only the queues of modes with a free seat, which are empty or short.
The rest of that profile: executing SQL 15 %, preparing statements 12 %
(Kysely's SQLite driver prepared every query again: statements are now
prepared once and kept), Kysely building and compiling queries 12 %, Astro and
the middleware 8 %, zod 7 % (the application form's schema was built anew for
every request: now once per event), garbage collection 7 %, the email's text
and queueing 9 % and nodemailer writing it 5 % (the outbox: claim, deliver,
mark sent, three more statements per application than before the outbox),
formatting the event's times with Intl 3 % (the results are now remembered).
${APPLICATION_MARKERS.end}`;
}
