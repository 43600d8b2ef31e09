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

function measuredCosts({ measured, cpu, check, growingQueriesUs, wholeWaitlistUs, placesUs, modeFirstUs, organisationFirstUs, countedPositionUs }, machineCores) {
  const lines = [];
  const mainMs = cpu.main === null ? null : (1000 * cpu.main) / measured.perSecond;
  if (mainMs === null) {
    lines.push('- CPU use per thread is read from /proc, which this system does not have.');
  } else {
    lines.push(
      `- The portal's main thread was busy ${cores(cpu.main)}: **${mainMs.toFixed(2)} ms of main-thread CPU per application**, so one portal process tops out near ${integer(1000 / mainMs)} applications/s on this CPU even with a core to itself.`,
      `- Its other threads (the mail delivery thread rendering and writing the emails, garbage collection, the libuv pool) used ${cores(cpu.portal - cpu.main)} more, autocannon ${cores(cpu.bench)}, other work on the machine ${cores(cpu.others)}; the machine has ${machineCores} cores.`,
    );
    if (cpu.others > BUSY_MACHINE) lines.push(`- **Other work took ${cores(cpu.others)} during the window: these numbers are lower than this machine can do; run again on a quiet machine.**`);
  }
  const share = mainMs === null ? '' : ` (${Math.round((100 * growingQueriesUs) / 1000 / mainMs)} % of the main-thread time per application)`;
  lines.push(
    `- The three statements of the locked transaction that read the event's queue (\`countPlaces\`: the approved places, counted by the portal; \`fillFreePlaces\`: the waitlisted entries of modes with a free seat, none here; the newcomer's place in line: the length of their mode's queue, one row the database keeps with triggers, migration 78) took ${integer(growingQueriesUs)} µs together at the end, with ${integer(check.registrations)} registrations for the event${share}. None of them grows with the waitlist. Until migration 78 the place in line was a COUNT of the earlier waitlisted entries of the newcomer's mode, on its index, which grows with the queue: ${integer(countedPositionUs ?? 0)} µs at this queue length (it is still how an earlier applicant's place is found, on their account page). Before issue #19, \`fillFreePlaces\` read the whole waitlist of every mode for every application (online places are still free here, as at most hybrid events, so its early return for "every mode full" never came): that read alone takes ${integer(wholeWaitlistUs)} µs at this queue length. \`countPlaces\` grouped by mode first until the same issue, and SQLite then read every row of the event (waitlisted ones included) on the (event, mode, …) index: ${integer(modeFirstUs ?? 0)} µs at this queue length; grouped by organisation first it read the approved rows only, but sorted them in a temporary B-tree: ${integer(organisationFirstUs ?? 0)} µs; the approved rows as they are, counted by the portal: ${integer(placesUs ?? 0)} µs.`,
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

On SQLite every statement runs on the main thread: better-sqlite3 is
synchronous and Kysely's SQLite dialect has a single connection, so the
statements of all requests take turns on it, and the event lock (the
\`registration_locks\` upsert that opens each application's transaction)
keeps other requests off the connection until the transaction commits. The
lock costs no parallelism that SQLite would otherwise have. Each email is
rendered (nodemailer) and written on the mail delivery thread
(src/server/mail/delivery-thread.ts), and a request waits for its own email
(at most 2 s) before answering: a main thread busy well under one core was
waiting for that thread or competing for the machine's cores. SQLite's
checkpoints (the write-ahead log copied into the database file, with two
fsyncs) run on a thread of their own (src/server/db/wal-checkpoints.ts).

Where it went, and what was done (issue #19, 2026-12-01 evening, this
machine; \`node --cpu-prof\` on the portal and a per-statement timer around
better-sqlite3, during this benchmark; main-thread CPU per application 3.19 ms
in the morning's quiet run, 2.1-2.7 ms after):
- **The email, about a millisecond of CPU each**: nodemailer building the
  MIME message (quoted-printable text, the calendar file in base64, its
  streams) measured 1.0-1.2 ms per message on its own. It now runs on the mail
  delivery thread; the main thread claims, hands over and marks sent. Passes
  overlap once each has made its first claim, so the main thread answers
  requests while the thread writes the previous pass's messages; the sent
  messages of a pass are marked in one statement.
- **The claim of the outbox**, 15.6 ms per claim on average (50 claims,
  780 ms of a 10 s run): it read each due row from the table to check its
  claim, and a row's claim sits after its body and attachments, which spill
  onto overflow pages; with a backlog of a few thousand emails every claim read
  thousands of pages. Migration 76 indexes what the claim reads (state, due
  time, claim, id): the read of what is due and the update that takes it by
  id now find their rows from the index alone.
- **Statements per application**, 22 before: the organisation's type now comes
  with the permission check (one read fewer), the event's queue lock is one
  upsert (was an insert and an update), and the event's calendar version is one
  read when the event is unchanged (was an insert, an update and a read).
- **Reading sessions and accounts**: every applicant is a first-time reader of
  their session and account rows, which SQLite's default 2 MiB page cache did
  not hold (486 µs per session read); the cache is now 64 MiB per connection.
- **Second round** (issue #19, 2026-12-01 night; per-statement timer and
  profile on a machine shared with other work, so times per statement were
  inflated; the shares are what counted):
  - *Checkpoints in the commit*: SQLite's writer copies the log into the
    database file every 1,000 pages; about one commit in forty took 2-110 ms
    for it (547 ms of a run's 833 ms of commits). A second connection on a
    thread of its own now checkpoints a few times a second, passively (never
    blocking the writer), and the writer keeps a backstop at 10,000 pages.
  - *One delivery pass per email*: each application started its own pass (a
    claim read, a claim update, a hand-over, a "sent" update): 1,412 claims
    for 1,405 emails. A pass now gathers until the end of the event loop's
    turn, and everyone whose change committed meanwhile shares it: about nine
    emails per claim in the same benchmark.
  - *Counting the places*: the count of approved places by organisation and
    mode read each approved row from the table; migration 77 puts the
    organisation and mode in the index it uses, so it reads the index alone.
  - *The recipient*: the statement that holds the applicant's row returns
    their address, name and language, which the email had read again.
  - *Compiled once*: the statements of an application and the session read
    are built and compiled by Kysely once per dialect and then sent with each
    call's values (src/server/db/prepared-query.ts): building and compiling
    a query cost about 9 of its 14 µs.
  - *Random bytes*: each token and row id called \`crypto.getRandomValues\`
    (about 5.5 µs a call on this machine, more inside a busy request; two per
    application). They now draw from a 4 KiB pool filled by one such call:
    397/s became 514/s between two runs minutes apart.
- **Third round** (issue #19, 2026-12-02 morning): *the place in line*. The
  newcomer's place was a count of the earlier waitlisted entries of their
  mode: an index range that grows with the queue (its time at the run's
  queue length is in the list above). A newcomer
  always joins the back (no queue number is given twice), so their place is
  the queue's length, which the database now keeps per event and mode
  (migration 78: a table kept by triggers on the registrations, so that no
  way of changing one, now or later, can leave it behind). Main-thread CPU
  per application went from 1.64 to 1.51 ms in two runs minutes apart; the
  rate stayed at 525-529/s: the delivery thread (about 1.4 ms per email
  here, 0.6-0.8 of a core) and the main thread then take turns on the
  machine's cores with autocannon, and each request waits for its email.
- **Fourth round** (issue #19, 2026-12-02 afternoon; each statement timed
  alone with better-sqlite3 on a copy of the benchmark's database, because
  whole runs of the same build moved between 240 and 523/s on this machine
  within minutes):
  - *The session read*: the session with its person as one join took 31 µs
    with 36,000 sessions; the session found on its own first (a materialized
    CTE), then its person, 16 µs. Every signed-in request reads it.
  - *Counting the places*: SQLite grouped the approved places by
    organisation and mode in a temporary B-tree; the portal now counts the
    rows itself (62 against 25 µs for 50 places, 225 against 92 for 216; the
    list above times all three forms at the run's queue length).
  - *The outbox file*: the delivery thread wrote each message through
    fs/promises (libuv's pool, a FileHandle, promises), a tenth of its time;
    it delivers one message at a time, so it now writes in place: 1.80
    against 1.93 ms of other-thread CPU per application over three paired
    runs.
- What is left: better-sqlite3 executing the statements, about a third of
  the main thread's busy time (each statement about three times slower than
  alone, its pages and SQLite's code cold in the CPU's caches after the
  request's other work); Astro's request, middleware and redirect about 15 %;
  garbage collection 4 %. The main thread is not quite saturated: requests
  also wait for their email on the delivery thread.

Earlier: a profile of 2026-11-29 (Astro and Node's HTTP 26 %, the email 22 %,
executing SQL 19 %, Kysely 9 %, garbage collection 10 %) and what doubled the
cost by 2026-12-01 (\`fillFreePlaces\` read the whole waitlist of every mode
for each newcomer; it now reads only the queues of modes with a free seat;
statements are prepared once and kept; the form's schema is built once per
event; Intl results are remembered).
${APPLICATION_MARKERS.end}`;
}
