// Applications per second on SQLite: 50 connections, each request a different
// accredited member applying for the first time to the demo side event with 50
// in-person places, 2 per organisation and a waitlist. Afterwards the database
// must show no overbooking.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { cpuMeter } from './cpu.mjs';
import { startPortal } from './portal.mjs';
import { stopChild } from './processes.mjs';
import { seedApplicants } from './seed-applicants.mjs';

// Demo content, within their application windows until May and January 2027:
// the measured event (content/side-events/…: capacityInPerson 50, maxPerOrganisation 2, waitlist)
export const EVENT = { key: 'side-events/2027-05-ccpcj-ammunition-diversion', mode: 'in-person', capacity: 50, maxPerOrganisation: 2 };
// and an online webinar taking open registrations, for the warm-up, so that the
// race for the measured event's seats happens inside the measured window.
export const WARM_UP_EVENT = { key: 'events/2027-01-webinar-engaging-with-the-review-mechanism', mode: 'online' };
export const TARGET_PER_SECOND = 500;
export const ORGANISATIONS = 5000;
// Members seeded per second of load: well above the target, so nobody applies twice.
export const PEOPLE_PER_SECOND = 3000;
const APPLIED = '/account/registrations?applied=';

/**
 * One autocannon run in which every request carries the next unused session
 * cookie. Each client gets its own request object: autocannon shares the
 * `requests` option between connections, so their first requests would all
 * carry the same (last built) cookie.
 */
export async function applyUnderLoad(origin, event, { seconds, connections, nextCookie, maxRequests }) {
  const answers = { approved: 0, waitlisted: 0, other: 0 };
  const request = () => ({
    setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: nextCookie() } }),
    onResponse: (status, _body, _context, headers) => {
      const state = status === 303 && headers.location?.startsWith(APPLIED) ? headers.location.slice(APPLIED.length) : null;
      if (state === 'approved' || state === 'waitlisted') answers[state] += 1;
      else answers.other += 1;
    },
  });
  const result = await autocannon({
    url: `${origin}/${event.key}/apply`,
    connections,
    duration: seconds,
    maxOverallRequests: maxRequests,
    method: 'POST',
    headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: `mode=${event.mode}`,
    setupClient: (client) => client.setRequests([request()]),
  });
  return {
    perSecond: result.requests.average,
    p99Ms: result.latency.p99,
    applications: answers.approved + answers.waitlisted,
    answers,
    // Anything but a 303 to the account's registrations is an error (a 303 to /signin too).
    errors: answers.other + result.errors + result.timeouts,
  };
}

function openReadOnly(file, work) {
  const db = new SQLite(file, { readonly: true });
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/**
 * Waits until every stored application has its email in the outbox and the
 * numbers stop moving: requests in flight when autocannon stops are still
 * being handled, and stopping the portal then would cut them short.
 */
async function waitUntilSettled(database, outbox, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const registrations = openReadOnly(database, (db) => db.prepare('select count(*) as count from registrations').get().count);
    // The outbox folder appears with the first delivered email.
    const emails = existsSync(outbox) ? readdirSync(outbox).length : 0;
    if (registrations === emails && last === `${registrations}`) return;
    last = registrations === emails ? `${registrations}` : '';
    await sleep(250);
  }
}

/** Overbooking and queue checks on what the database holds for the measured event after the run. */
function checkRegistrations(database, { answered, handedOut }) {
  const rows = openReadOnly(database, (db) =>
    db.prepare('select state, mode, organisation_id, queue_number from registrations where event_key = ?').all(EVENT.key),
  );
  const approved = rows.filter((row) => row.state === 'approved');
  const waitlisted = rows.filter((row) => row.state === 'waitlisted').length;
  const perOrganisation = new Map();
  for (const row of approved) perOrganisation.set(row.organisation_id, (perOrganisation.get(row.organisation_id) ?? 0) + 1);
  const maxPerOrganisation = Math.max(0, ...perOrganisation.values());
  const queueNumbers = new Set(rows.map((row) => row.queue_number));

  const problems = [];
  if (approved.length !== EVENT.capacity) problems.push(`${approved.length} approved registrations, not exactly ${EVENT.capacity}`);
  if (approved.some((row) => row.mode !== EVENT.mode)) problems.push(`an approved registration that is not ${EVENT.mode}`);
  if (maxPerOrganisation > EVENT.maxPerOrganisation) problems.push(`an organisation with ${maxPerOrganisation} approved, over ${EVENT.maxPerOrganisation}`);
  if (approved.length + waitlisted !== rows.length) problems.push(`${rows.length - approved.length - waitlisted} registrations neither approved nor waitlisted`);
  if (queueNumbers.size !== rows.length) problems.push(`${rows.length - queueNumbers.size} repeated queue numbers`);
  // Requests in flight when autocannon stopped were answered to nobody: rows may exceed answers, never fall short.
  if (rows.length < answered) problems.push(`${answered} applications answered but only ${rows.length} registrations stored`);
  if (rows.length > handedOut) problems.push(`${rows.length} registrations from only ${handedOut} people`);
  return { registrations: rows.length, approved: approved.length, waitlisted, maxPerOrganisation, problems };
}

/**
 * Microseconds that the statements of the locked transaction which read the
 * event's queue (src/server/registrations/seats.ts and waitlist.ts) take for
 * the last applicant, run as the portal runs them: countPlaces (the approved
 * places by mode and organisation), fillFreePlaces' read of the waitlisted
 * entries of the modes with a free seat (here online: in person is full), and
 * the newcomer's place in line (the length of their mode's queue, which the
 * database keeps: migration 78). The queue number itself comes from the
 * event's lock row, not from a scan. Beside them, what the statements they
 * replaced would take at this queue length.
 */
function growingQueriesMicroseconds(database) {
  return openReadOnly(database, (db) => {
    const rounds = 100;
    const microseconds = (run) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < rounds; i++) run();
      return Number(process.hrtime.bigint() - started) / rounds / 1000;
    };
    // The approved places, counted by the portal (seats.ts).
    const places = db.prepare("select mode, organisation_id from registrations where event_key = ? and state = 'approved'");
    const promotable = db.prepare("select id, mode, organisation_id from registrations where event_key = ? and mode in (?) and state = 'waitlisted' order by queue_number");
    const position = db.prepare('select waiting from waitlist_lengths where event_key = ? and mode = ?');
    const lastQueueNumber = db.prepare('select version from registration_locks where event_key = ?').get(EVENT.key).version;
    const growing = microseconds(() => {
      places.all(EVENT.key);
      promotable.all(EVENT.key, 'online');
      position.get(EVENT.key, EVENT.mode);
    });
    // The newcomer's place before issue #19's last round: a count of the earlier entries of their mode, on its index.
    const earlierEntries = db.prepare("select count(*) as count from registrations where event_key = ? and mode = ? and state = 'waitlisted' and queue_number < ?");
    const countedPositionUs = microseconds(() => earlierEntries.get(EVENT.key, EVENT.mode, lastQueueNumber + 1));
    // What fillFreePlaces read before issue #19: the whole waitlist, every mode, for every application
    // (online places stay free at a hybrid event, so its early return for "every mode full" never came).
    const wholeWaitlist = db.prepare("select id, mode, organisation_id from registrations where event_key = ? and state = 'waitlisted' order by queue_number");
    const wholeWaitlistUs = microseconds(() => wholeWaitlist.all(EVENT.key));
    // countPlaces before issue #19 grouped by mode first: SQLite then read every row of the event on the (event, mode, …) index;
    // later in #19 grouped by organisation first, on the (event, state, …) index, with a temporary B-tree for the grouping.
    const modeFirst = db.prepare("select mode, organisation_id, count(*) as count from registrations where event_key = ? and state = 'approved' group by mode, organisation_id");
    const modeFirstUs = microseconds(() => modeFirst.all(EVENT.key));
    const organisationFirst = db.prepare("select mode, organisation_id, count(*) as count from registrations where event_key = ? and state = 'approved' group by organisation_id, mode");
    const organisationFirstUs = microseconds(() => organisationFirst.all(EVENT.key));
    const placesUs = microseconds(() => places.all(EVENT.key));
    return { growing, wholeWaitlist: wholeWaitlistUs, placesUs, modeFirstUs, organisationFirstUs, countedPositionUs };
  });
}

/**
 * Starts its own portal on its own SQLite file under tempDir, seeds members,
 * warms up for `warmUpSeconds` on another event (not recorded), applies for
 * `seconds`, lets the portal finish, stops it and checks the database.
 */
export async function benchApplications(tempDir, { seconds, warmUpSeconds, connections, log }) {
  const dir = join(tempDir, 'applications');
  mkdirSync(dir, { recursive: true });
  // Starting it runs the migrations; this portal is used for nothing else.
  const portal = await startPortal(dir);
  const database = join(dir, 'portal.sqlite');
  const outbox = join(dir, 'outbox');
  const people = PEOPLE_PER_SECOND * (seconds + warmUpSeconds);
  const cookies = seedApplicants(database, { organisations: ORGANISATIONS, members: people });
  log(`applications: portal on ${portal.origin}, ${ORGANISATIONS} organisations and ${people} signed-in members seeded`);

  let handedOut = 0;
  const nextCookie = () => {
    if (handedOut >= cookies.length) throw new Error('the benchmark ran out of seeded members: raise PEOPLE_PER_SECOND in scripts/bench/applications.mjs.');
    return cookies[handedOut++];
  };
  // Each client builds its first request before sending anything: keep that many cookies in reserve.
  const load = (duration) => ({ seconds: duration, connections, nextCookie, maxRequests: cookies.length - handedOut - connections });

  const warmUp = await applyUnderLoad(portal.origin, WARM_UP_EVENT, load(warmUpSeconds));
  if (warmUp.errors) log(`applications: warning: ${warmUp.errors} of the warm-up's applications failed (is ${WARM_UP_EVENT.key} still open?)`);
  await waitUntilSettled(database, outbox);
  const handedOutBefore = handedOut;
  const stopMeter = cpuMeter(portal.child.pid);
  const measured = await applyUnderLoad(portal.origin, EVENT, load(seconds));
  const cpu = stopMeter();
  await waitUntilSettled(database, outbox);
  await stopChild(portal.child);

  const check = checkRegistrations(database, { answered: measured.applications, handedOut: handedOut - handedOutBefore });
  const registrations = openReadOnly(database, (db) => db.prepare('select count(*) as count from registrations').get().count);
  const emails = existsSync(outbox) ? readdirSync(outbox).length : 0;
  const { growing: growingQueriesUs, wholeWaitlist: wholeWaitlistUs, placesUs, modeFirstUs, organisationFirstUs, countedPositionUs } = growingQueriesMicroseconds(database);
  log(
    `applications: ${Math.round(measured.perSecond)}/s, p99 ${measured.p99Ms} ms, ${measured.errors} errors; ` +
      `${check.registrations} registrations (${check.approved} approved, ${check.waitlisted} waitlisted); overbooking: ${check.problems.length ? check.problems.join('; ') : 'none'}`,
  );
  return { people, warmUp, measured, check, cpu, emails, registrations, growingQueriesUs, wholeWaitlistUs, placesUs, modeFirstUs, organisationFirstUs, countedPositionUs };
}
