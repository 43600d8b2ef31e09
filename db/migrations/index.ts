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
import * as identityChanges from './2026-12-01-30-identity-changes';
import * as invitations from './2026-12-01-31-invitations';
import * as deletedAccountsRegistrations from './2026-12-01-40-deleted-accounts-registrations';
import * as passwordAttempts from './2026-12-01-41-password-attempts';
import * as storedEvents from './2026-12-01-42-stored-events';
import * as eventDocuments from './2026-12-01-53-event-documents';
import * as preferredLanguage from './2026-12-01-56-preferred-language';
import * as unCountryCodes from './2026-12-01-58-un-country-codes';
import * as topicDigests from './2026-12-01-63-topic-digests';
import * as mailHeaders from './2026-12-01-64-mail-headers';
import * as participantMessages from './2026-12-01-65-participant-messages';
import * as signingKeysAuditFilters from './2026-12-01-66-signing-keys-audit-filters';
import * as attendance from './2026-12-01-70-attendance';
import * as statesAndCountryFollows from './2026-12-01-72-states-and-country-follows';
import * as storedReviewEntries from './2026-12-01-75-stored-review-entries';
import * as mailClaimIndex from './2026-12-01-76-mail-claim-index';
import * as placesIndex from './2026-12-01-77-places-index';
import * as waitlistLengths from './2026-12-01-78-waitlist-lengths';

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
  ['2026-12-01-30-identity-changes', identityChanges],
  ['2026-12-01-31-invitations', invitations],
  ['2026-12-01-40-deleted-accounts-registrations', deletedAccountsRegistrations],
  ['2026-12-01-41-password-attempts', passwordAttempts],
  ['2026-12-01-42-stored-events', storedEvents],
  ['2026-12-01-53-event-documents', eventDocuments],
  ['2026-12-01-56-preferred-language', preferredLanguage],
  ['2026-12-01-58-un-country-codes', unCountryCodes],
  ['2026-12-01-63-topic-digests', topicDigests],
  ['2026-12-01-64-mail-headers', mailHeaders],
  ['2026-12-01-65-participant-messages', participantMessages],
  ['2026-12-01-66-signing-keys-audit-filters', signingKeysAuditFilters],
  ['2026-12-01-70-attendance', attendance],
  ['2026-12-01-72-states-and-country-follows', statesAndCountryFollows],
  ['2026-12-01-75-stored-review-entries', storedReviewEntries],
  ['2026-12-01-76-mail-claim-index', mailClaimIndex],
  ['2026-12-01-77-places-index', placesIndex],
  ['2026-12-01-78-waitlist-lengths', waitlistLengths],
];
