// Every migration, in the order they run. Listed by hand (not globbed) so the
// same list works in the Vite-built server, the esbuild-built CLI and tests.
import type { Kysely } from 'kysely';
import * as initial from './2026-11-29-01-initial';
import * as userDeletion from './2026-11-29-02-user-deletion';
import * as registrations from './2026-11-29-03-registrations';
import * as submissions from './2026-11-29-04-submissions';
import * as privateCalendars from './2026-11-29-05-private-calendars';
import * as waitlistIndex from './2026-11-29-06-waitlist-index';
import * as publicDataVersion from './2026-11-29-07-public-data-version';
import * as outgoingMail from './2026-12-01-01-outgoing-mail';
import * as storedEvents from './2026-12-01-42-stored-events';

export interface Migration {
  up(db: Kysely<any>): Promise<void>;
}

export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['2026-11-29-01-initial', initial],
  ['2026-11-29-02-user-deletion', userDeletion],
  ['2026-11-29-03-registrations', registrations],
  ['2026-11-29-04-submissions', submissions],
  ['2026-11-29-05-private-calendars', privateCalendars],
  ['2026-11-29-06-waitlist-index', waitlistIndex],
  ['2026-11-29-07-public-data-version', publicDataVersion],
  ['2026-12-01-01-outgoing-mail', outgoingMail],
  ['2026-12-01-42-stored-events', storedEvents],
];
