// The admin CLI: `npm run whatson -- <command>`. Bundled by esbuild into
// dist/runtime.mjs (scripts/build-if-needed.mjs), so it runs without a TS loader.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { COLLECTIONS, topicSlugsOnDisk } from '../server/content-directory';
import type { SessionUser } from '../server/auth/sessions';
import { registrationsCsv } from '../server/registrations/csv-export';
import { listEventRegistrations } from '../server/registrations/registration-lists';
import { ConfigError, config } from '../server/config';
import { createSecretariatAccount } from '../server/auth/secretariat-accounts';
import { backupDatabase } from '../server/db/backup';
import { closeDatabase, database } from '../server/db/index';
import { runChecks } from '../server/db/doctor';
import { MigrationError, migrateToLatest } from '../server/db/migrate';
import { deliverQueuedMail, retryFailedMail, summariseMailQueue } from '../server/mail/outgoing-mail';
import { readEventsOnDisk } from '../server/events/events-on-disk';
import { runPrivacyHousekeeping } from '../server/privacy/privacy-housekeeping';
import { transferEvents } from './events-command';
import { translate } from '../i18n/translate';
import { readDigestSources, runDigestPass } from '../server/digests/digest-job';
import { portalNow } from '../server/clock';

const HELP = `WhatsOn admin commands

Usage: npm run whatson -- <command> [options]

  migrate                                   apply pending database migrations
  create-secretariat --email <e> --name <n> create a secretariat account (or renew its link)
                                            and print a one-time link to set the password
  backup <file>                             online backup of the SQLite database into <file>
  doctor                                    check the runtime, configuration, database, migrations and email queue
  mail status                               emails waiting or failed, with the last error of each
  mail retry [--id <id> …]                  queue failed emails again (all of them, or those named)
  mail send                                 deliver what is due now (the portal's instances do this by themselves)
  feeds                                     the public calendar feed addresses
  erase-expired-data                        erase accessibility and similar needs HEALTH_DATA_RETENTION_DAYS after
                                            their event ended, and password-attempt counts a day after the last
                                            (each instance does this hourly; this is one pass, for cron)
  export registrations --event <slug>       CSV of an event's registrants on standard output
                                            (<slug> or <collection>/<slug>; --output <file> to write a file)
  events export <dir>                       write every event's current state (files, and what the browser
                                            stored, which wins) as Markdown in the collection format, with the topics
  events import <dir>                       load <dir>/{events,side-events,dialogues}/*.md into the editor as drafts
  digest send [--at <time>]                 write the topic digests that are due (each instance does this every
                                            15 minutes; for cron); --at (ISO 8601) judges what is due at that time
  help                                      this text

The database comes from DATABASE_URL (default: data/whatson.sqlite).`;

type Output = { log: (line: string) => void; error: (line: string) => void };

async function migrate(out: Output): Promise<number> {
  const applied = await migrateToLatest(database());
  out.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database schema is current.');
  return 0;
}

async function createSecretariat(args: string[], out: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
  await migrateToLatest(database());
  const result = await createSecretariatAccount(database().db, values);
  if (!result.ok) {
    if (result.code === 'invalid') for (const [field, message] of Object.entries(result.issues)) out.error(`--${field} ${translate('en', message)}`);
    else out.error('message' in result ? translate('en', result.message) : 'Try again later.');
    return 1;
  }
  const link = new URL('/reset-password', config().PUBLIC_ORIGIN);
  link.searchParams.set('token', result.value.token);
  out.log(`${result.value.created ? 'Created' : 'Renewed the link for'} secretariat account ${values.email?.trim().toLowerCase()}.`);
  out.log(`Set the password within ${Math.round((result.value.expiresAt.getTime() - Date.now()) / 60000)} minutes, once, at:`);
  out.log(link.href);
  return 0;
}

async function backup(args: string[], out: Output): Promise<number> {
  const [file] = args;
  if (!file) {
    out.error('Name the backup file: npm run whatson -- backup backups/whatson-2026-11-29.sqlite');
    return 1;
  }
  const outcome = await backupDatabase(database(), file);
  if (!outcome.ok) {
    out.error(outcome.message);
    return 1;
  }
  out.log(`Backed up ${outcome.pages} pages to ${outcome.file}`);
  return 0;
}

// The CLI is run by an operator with access to the server: it acts as the secretariat.
const OPERATOR: SessionUser = { id: 'cli', email: 'cli', name: 'Admin command line', role: 'secretariat', organisationId: null, emailVerified: true, locale: 'en' };

async function exportRegistrations(args: string[], out: Output): Promise<number> {
  const [what, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { event: { type: 'string' }, output: { type: 'string' } } });
  if (what !== 'registrations' || !values.event) {
    out.error('Usage: npm run whatson -- export registrations --event <slug> [--output <file>]');
    return 1;
  }
  const db = database().db;
  const keys = await db.selectFrom('registrations').select('event_key').distinct().execute();
  const wanted = values.event.replace(/^\/+|\/+$/g, '');
  const matches = keys.map((row) => row.event_key).filter((key) => key === wanted || key.endsWith(`/${wanted}`));
  if (matches.length !== 1) {
    out.error(matches.length === 0 ? `No registrations for an event "${wanted}".` : `"${wanted}" names several events: ${matches.join(', ')}; give <collection>/<slug>.`);
    return 1;
  }
  const listed = await listEventRegistrations(db, OPERATOR, matches[0]!);
  if (!listed.ok) return 1;
  const csv = registrationsCsv(listed.value.rows);
  if (values.output) {
    await writeFile(values.output, csv);
    out.log(`Wrote ${listed.value.rows.length} registrations to ${values.output}`);
  } else {
    process.stdout.write(csv);
  }
  return 0;
}

function feeds(out: Output): number {
  const origin = config().PUBLIC_ORIGIN;
  const line = (label: string, path: string) => out.log(`${label.padEnd(34)} ${new URL(path, origin).href}`);
  line('Everything', '/calendar.ics');
  for (const collection of COLLECTIONS) line(collection, `/${collection}/calendar.ics`);
  for (const topic of topicSlugsOnDisk()) line(`topic: ${topic}`, `/topics/${topic}/calendar.ics`);
  out.log('Filters combine on any public feed: ?topic=<slug>&kind=<collection or kind>&format=in-person|online|hybrid');
  out.log('One event: /<collection>/<slug>.ics');
  return 0;
}

async function eraseExpiredData(out: Output): Promise<number> {
  const db = database().db;
  await migrateToLatest(database());
  const retentionDays = config().HEALTH_DATA_RETENTION_DAYS;
  const { events, problems } = await readEventsOnDisk();
  for (const problem of problems) out.error(`Skipped ${problem}`);
  const report = await runPrivacyHousekeeping(db, { now: new Date(), retentionDays, events });
  out.log(`Erased the accessibility needs of ${report.erased} registration(s) (${retentionDays} days after their event ended).`);
  out.log(`Forgot ${report.forgottenAttempts} password-attempt count(s) older than a day.`);
  if (report.unknownEvents.length) {
    out.log(`Kept the needs of registrations for events that are not published (their end is unknown): ${report.unknownEvents.join(', ')}`);
  }
  return 0;
}

async function doctor(out: Output): Promise<number> {
  const checks = await runChecks();
  for (const check of checks) out.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  return checks.every((check) => check.ok) ? 0 : 1;
}

async function mail(args: string[], out: Output): Promise<number> {
  const [action, ...rest] = args;
  const db = database().db;
  await migrateToLatest(database());
  if (action === 'status') {
    const summary = await summariseMailQueue(db);
    out.log(`${summary.pending} waiting${summary.oldestPendingAt ? ` (oldest queued ${summary.oldestPendingAt})` : ''}, ${summary.failed} failed`);
    for (const problem of summary.problems) {
      out.log(`${problem.state.padEnd(7)} ${problem.id} to ${problem.recipient}: "${problem.subject}", ${problem.attempts} tries; ${problem.lastError ?? ''}`);
    }
    return 0;
  }
  if (action === 'retry') {
    const { values } = parseArgs({ args: rest, options: { id: { type: 'string', multiple: true } } });
    const count = await retryFailedMail(db, values.id);
    out.log(`${count} failed email(s) queued again.`);
    return 0;
  }
  if (action === 'send') {
    const report = await deliverQueuedMail(db);
    out.log(`${report.sent} sent, ${report.retrying} to be retried, ${report.failed} failed.`);
    return report.retrying + report.failed > 0 ? 1 : 0;
  }
  out.error(`Unknown mail action "${action ?? ''}": use status, retry or send.\n\n${HELP}`);
  return 1;
}

async function digest(args: string[], out: Output): Promise<number> {
  const [action, ...rest] = args;
  if (action !== 'send') {
    out.error(`Unknown digest action "${action ?? ''}": use send.\n\n${HELP}`);
    return 1;
  }
  const { values } = parseArgs({ args: rest, options: { at: { type: 'string' } } });
  const now = values.at ? new Date(values.at) : portalNow();
  if (Number.isNaN(now.getTime())) {
    out.error(`--at must be a time such as 2027-03-08T06:00:00Z, not "${values.at}".`);
    return 1;
  }
  await migrateToLatest(database());
  const { events, topicTitles, countriesOf, problems } = await readDigestSources();
  for (const problem of problems) out.error(`Skipped ${problem}`);
  const report = await runDigestPass(database(), { now, events, topicTitles, countriesOf });
  if (report === 'busy') {
    out.log('Another instance is writing the digests now; nothing to do here.');
    return 0;
  }
  out.log(`${report.sent} digest(s) written to the outbox, ${report.empty} with nothing new (not sent), ${report.alreadyClaimed} written before.`);
  // Delivered here too, so a cron run on a machine without a running portal sends them.
  await deliverQueuedMail(database().db);
  return 0;
}

export async function runCli(argv: string[], out: Output = { log: console.log, error: console.error }): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'migrate':
        return await migrate(out);
      case 'create-secretariat':
        return await createSecretariat(args, out);
      case 'backup':
        return await backup(args, out);
      case 'doctor':
        return await doctor(out);
      case 'feeds':
        return feeds(out);
      case 'export':
        return await exportRegistrations(args, out);
      case 'mail':
        return await mail(args, out);
      case 'erase-expired-data':
        return await eraseExpiredData(out);
      case 'events':
        return await transferEvents(args, out, OPERATOR);
      case 'digest':
        return await digest(args, out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out.log(HELP);
        return 0;
      default:
        out.error(`Unknown command "${command}".\n\n${HELP}`);
        return 1;
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof MigrationError) {
      out.error(error.message);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      out.error(`${error.message}\n\n${HELP}`);
      return 1;
    }
    throw error;
  } finally {
    await closeDatabase();
  }
}
