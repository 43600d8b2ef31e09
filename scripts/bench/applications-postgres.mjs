// Applications per second on PostgreSQL with two portal instances sharing a
// database of their own (created on BENCH_POSTGRES_URL's server and dropped
// afterwards): the same members, event and load as on SQLite, the
// connections split between the instances. Afterwards the database must show
// no overbooking.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { applyUnderLoad, EVENT, ORGANISATIONS, PEOPLE_PER_SECOND, WARM_UP_EVENT } from './applications.mjs';
import { atCleanup } from './cleanup.mjs';
import { cpuMeter } from './cpu.mjs';
import { startPortal } from './portal.mjs';
import { stopChild } from './processes.mjs';
import { markers } from './report.mjs';
import { newSessionToken } from './seed-applicants.mjs';

const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const INSTANCES = 2;

/** As seedApplicants (seed-applicants.mjs), through pg: member i belongs to organisation i % organisations. */
async function seedApplicantsPostgres(client, { organisations, members }) {
  const now = new Date();
  const stamp = now.toISOString();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString();
  await client.query(
    `insert into organisations (id, name, acronym, type, country, website, description, ecosoc_status, topics, accreditation, accreditation_reason, accreditation_decided_by, accreditation_decided_at, listed, created_at, updated_at)
     select 'bench-org-' || i, 'Benchmark organisation ' || i, null, 'ngo', 'AT', null, 'Benchmark organisation', 'none', '["firearms"]', 'accredited', null, null, null, 0, $1, $1
     from generate_series(0, $2::int - 1) as i`,
    [stamp, organisations],
  );
  await client.query(
    `insert into users (id, email, name, job_title, organisation_id, role, password_hash, email_verified_at, created_at, updated_at)
     select 'bench-user-' || i, 'bench-user-' || i || '@example.org', 'Benchmark person ' || i, null, 'bench-org-' || (i % $2::int), 'representative', null, $1, $1, $1
     from generate_series(0, $3::int - 1) as i`,
    [stamp, organisations, members],
  );
  const sessions = Array.from({ length: members }, () => newSessionToken());
  for (let start = 0; start < members; start += 10_000) {
    const slice = sessions.slice(start, start + 10_000);
    await client.query(`insert into sessions (id, user_id, expires_at, created_at) select id, 'bench-user-' || (n - 1 + $2::int), $3, $3 from unnest($1::text[]) with ordinality as s(id, n)`, [
      slice.map((session) => session.id),
      start,
      expiresAt,
    ]);
  }
  return sessions.map((session) => `whatson_session=${session.token}`);
}

async function registrationsOf(client, key) {
  const { rows } = await client.query('select state, mode, organisation_id, queue_number from registrations where event_key = $1', [key]);
  return rows;
}

/** Until the number of registrations stops moving: requests in flight when autocannon stopped are still handled. */
async function waitUntilSettled(client, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    const { rows } = await client.query('select count(*)::int as count from registrations');
    if (rows[0].count === last) return;
    last = rows[0].count;
    await sleep(500);
  }
}

function check(rows, { answered, handedOut }) {
  const approved = rows.filter((row) => row.state === 'approved');
  const waitlisted = rows.filter((row) => row.state === 'waitlisted').length;
  const perOrganisation = new Map();
  for (const row of approved) perOrganisation.set(row.organisation_id, (perOrganisation.get(row.organisation_id) ?? 0) + 1);
  const maxPerOrganisation = Math.max(0, ...perOrganisation.values());
  const problems = [];
  if (approved.length !== EVENT.capacity) problems.push(`${approved.length} approved registrations, not exactly ${EVENT.capacity}`);
  if (maxPerOrganisation > EVENT.maxPerOrganisation) problems.push(`an organisation with ${maxPerOrganisation} approved, over ${EVENT.maxPerOrganisation}`);
  if (approved.length + waitlisted !== rows.length) problems.push(`${rows.length - approved.length - waitlisted} registrations neither approved nor waitlisted`);
  if (new Set(rows.map((row) => row.queue_number)).size !== rows.length) problems.push('repeated queue numbers');
  if (rows.length < answered) problems.push(`${answered} applications answered but only ${rows.length} registrations stored`);
  if (rows.length > handedOut) problems.push(`${rows.length} registrations from only ${handedOut} people`);
  return { registrations: rows.length, approved: approved.length, waitlisted, maxPerOrganisation, problems };
}

/** Load on every instance at once, each with its share of the connections; the answers added up. */
async function applyOnAll(portals, event, options) {
  const runs = await Promise.all(portals.map((portal) => applyUnderLoad(portal.origin, event, { ...options, connections: Math.max(1, Math.round(options.connections / portals.length)) })));
  return {
    perSecond: runs.reduce((sum, run) => sum + run.perSecond, 0),
    p99Ms: Math.max(...runs.map((run) => run.p99Ms)),
    applications: runs.reduce((sum, run) => sum + run.applications, 0),
    answers: { approved: runs.reduce((sum, run) => sum + run.answers.approved, 0), waitlisted: runs.reduce((sum, run) => sum + run.answers.waitlisted, 0) },
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  };
}

export async function benchApplicationsPostgres(tempDir, serverUrl, { seconds, warmUpSeconds, connections, log }) {
  const name = `whatson_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  atCleanup(async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  // One after the other: the first migrates.
  const portals = [];
  for (let i = 0; i < INSTANCES; i++) {
    const dir = join(tempDir, `applications-postgres-${i}`);
    mkdirSync(dir, { recursive: true });
    const portal = await startPortal(dir, { DATABASE_URL: url.href });
    atCleanup(() => stopChild(portal.child));
    portals.push(portal);
  }
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  atCleanup(() => client.end());
  const people = PEOPLE_PER_SECOND * (seconds + warmUpSeconds);
  const cookies = await seedApplicantsPostgres(client, { organisations: ORGANISATIONS, members: people });
  log(`applications (PostgreSQL): ${INSTANCES} portals on ${portals.map((portal) => portal.origin).join(', ')}, ${people} signed-in members seeded`);

  let handedOut = 0;
  const nextCookie = () => {
    if (handedOut >= cookies.length) throw new Error('the benchmark ran out of seeded members: raise PEOPLE_PER_SECOND in scripts/bench/applications.mjs.');
    return cookies[handedOut++];
  };
  const load = (duration) => ({ seconds: duration, connections, nextCookie, maxRequests: Math.floor((cookies.length - handedOut - connections) / INSTANCES) });
  await applyOnAll(portals, WARM_UP_EVENT, load(warmUpSeconds));
  await waitUntilSettled(client);
  const handedOutBefore = handedOut;
  const meters = portals.map((portal) => cpuMeter(portal.child.pid));
  const measured = await applyOnAll(portals, EVENT, load(seconds));
  const cpu = meters.map((stop) => stop());
  await waitUntilSettled(client);
  const result = check(await registrationsOf(client, EVENT.key), { answered: measured.applications, handedOut: handedOut - handedOutBefore });
  for (const portal of portals) await stopChild(portal.child);
  log(
    `applications (PostgreSQL, ${INSTANCES} instances): ${Math.round(measured.perSecond)}/s, p99 ${measured.p99Ms} ms, ${measured.errors} errors; ` +
      `${result.registrations} registrations (${result.approved} approved, ${result.waitlisted} waitlisted); overbooking: ${result.problems.length ? result.problems.join('; ') : 'none'}`,
  );
  return { instances: INSTANCES, people, measured, check: result, cpu };
}

export const POSTGRES_MARKERS = markers('applications-postgres');

const integer = (n) => Math.round(n).toLocaleString('en-US');

export function postgresSection({ date, machine: m, command, seconds, warmUpSeconds, connections, autocannonVersion, result }) {
  const { measured, check: c, cpu, instances } = result;
  const perApplication = cpu.map((share, i) => (share.main === null ? `instance ${i + 1}: unknown` : `instance ${i + 1}: ${share.main.toFixed(2)} of a core, ${((1000 * share.main) / (measured.perSecond / instances)).toFixed(2)} ms per application it answered`));
  // Meter 0 counts the other instance as "other work": take it out again.
  const others = cpu[0].others === null || cpu[1]?.portal === null ? null : cpu[0].others - (cpu[1]?.portal ?? 0);
  const overbooking = c.problems.length
    ? `**${c.problems.join('; ')}**`
    : `none: ${c.approved} of ${EVENT.capacity} ${EVENT.mode} places approved, at most ${c.maxPerOrganisation} per organisation (limit ${EVENT.maxPerOrganisation}), ${integer(c.waitlisted)} waitlisted, every queue number distinct`;
  return `${POSTGRES_MARKERS.start}
## Applications per second on PostgreSQL, two instances

- Date: ${date}
- Machine: ${m.os}; ${m.cpu}, ${m.cores} cores; ${m.memory} RAM; Node ${m.node}; PostgreSQL on the same machine
- Command: \`BENCH_POSTGRES_URL=… ${command}\` (${seconds} s measured after ${warmUpSeconds} s of warm-up, ${connections} connections split between the instances, autocannon ${autocannonVersion})
- Set-up: as on SQLite (the same event, members and emails), in a database of its own on BENCH_POSTGRES_URL's server; ${instances} portal instances of one process each, the load on both at once.

| applications/s (both instances) | p99 latency (ms) | applications answered | errors |
|--:|--:|--:|--:|
| ${integer(measured.perSecond)} | ${integer(measured.p99Ms)} | ${integer(measured.applications)} (${measured.answers.approved} approved, ${integer(measured.answers.waitlisted)} waitlisted) | ${integer(measured.errors)} |

Overbooking, checked in the database afterwards: ${overbooking}.

Main threads: ${perApplication.join('; ')}; everything else on the machine (PostgreSQL, other sessions' work) besides autocannon: ${others === null ? 'unknown' : `${Math.max(0, others).toFixed(2)} of a core`}.

Where it tops out, and why (from the design; a run on a quiet machine would show how close it comes): every application to one event runs its transaction behind the event's lock row (\`registration_locks\`, taken first), so applications to the same event are handled one at a time however many instances there are; what limits the rate is how long each holds that row (about a dozen statements, each a round trip to PostgreSQL, the email written into the outbox, then the commit), more than the instances' CPU. A second instance adds CPU for everything else (rendering, sessions, other events' applications), not throughput for one event's race. On SQLite the same serialization happens on the one connection, with no round trips, which is why one SQLite process took this race faster (in the runs above, on the same loaded machine) than two instances on PostgreSQL.
${POSTGRES_MARKERS.end}`;
}
