// Taking part in the Review Mechanism, on both databases: written input names
// the States it concerns (codes from the shared list only), the archive
// filters by State, and a person follows a country: its events and the
// dialogues that examine its reviews come into their private calendar and
// digest, until they stop following it or delete their account.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { callLookup } from '../../src/server/submissions/calls';
import { saveSubmission, viewSubmission, type SubmissionContext } from '../../src/server/submissions/submissions';
import { listPublishedSubmissions } from '../../src/server/submissions/submission-lists';
import { chooseCountryDigest, isFollowingCountry, listFollowedCountries, setCountryFollowed } from '../../src/server/countries/country-follows';
import { privateFeedEntries, rotateCalendarToken } from '../../src/server/calendar/private-calendar';
import { countriesConcernedBy, type ReviewContent } from '../../src/server/review-mechanism/review-mechanism';
import { exportPersonalData } from '../../src/server/accounts/data-download';
import { deleteAccount } from '../../src/server/accounts/personal-data';
import { hashPassword } from '../../src/server/auth/passwords';
import { recordFirstSeen, sendDueDigests } from '../../src/server/digests/send-digests';
import type { PortalEvent } from '../../src/server/events/portal-event';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent, TOPIC_SLUGS, TOPIC_TITLES } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import { insertPublishedInput } from '../support/published-input';
import { saying } from '../support/messages-in-english';
import { translate } from '../../src/i18n/translate';
import { message } from '../../src/i18n/message';
import { waitForMail } from '../support/outbox';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'whatson-country-follow-'));
  process.env.OUTBOX_DIR = join(folder, 'outbox');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const NOW = new Date('2027-01-15T12:00:00Z');
const PASSWORD = 'correct horse battery staple';

// The test's own review content: a phase examined at one dialogue, with Austria and Kenya under review.
const dialogue = portalEvent('2027-06-prevention-dialogue', {
  title: 'Dialogue on prevention',
  topics: ['technical-assistance'],
  start: '2027-06-10T10:00',
  end: '2027-06-10T18:00',
  venue: { site: 'Vienna International Centre', city: 'Vienna', country: 'AT' },
});
const otherDialogue = portalEvent('2027-07-other-dialogue', { title: 'Dialogue on something else', topics: ['firearms'], start: '2027-07-10T10:00', end: '2027-07-10T18:00', venue: { site: 'Palais des Nations', city: 'Geneva', country: 'CH' } });
const nairobiWorkshop = portalEvent('2027-02-nairobi-workshop', { title: 'Workshop in Nairobi', topics: ['firearms'], start: '2027-02-10T10:00', end: '2027-02-10T18:00', venue: { site: 'UN Office at Nairobi', city: 'Nairobi', country: 'KE' } }, 'events');
const EVENTS = [dialogue, otherDialogue, nairobiWorkshop];
const REVIEWS: ReviewContent = {
  phases: [
    {
      slug: 'phase-prevention',
      title: 'Phase on prevention',
      cluster: 'prevention-and-technical-assistance',
      starts: '2026-06-01',
      ends: '2028-06-01',
      sessions: [],
      dialogues: ['2027-06-prevention-dialogue'],
      illustrative: false,
    },
  ],
  reviews: [
    { slug: 'ke', state: 'KE', reviewers: ['GH', 'FR'], cluster: 'prevention-and-technical-assistance', phase: 'phase-prevention', stage: 'dialogue', documents: [], illustrative: false },
    { slug: 'pe', state: 'PE', reviewers: ['CL', 'ES'], cluster: 'prevention-and-technical-assistance', phase: 'phase-prevention', stage: 'questionnaire', documents: [], illustrative: false },
  ],
};
const countriesOf = (event: PortalEvent) => countriesConcernedBy(event, REVIEWS);

function context(): SubmissionContext {
  return { knownTopics: TOPIC_SLUGS, findCall: callLookup(EVENTS), attachmentsDir: join(folder, 'attachments'), now: NOW };
}

const draft = (overrides: Record<string, unknown> = {}) => ({ title: 'Prevention in Kenya', topics: ['technical-assistance'], body: 'What we found.', consent: 'on', intent: 'save', ...overrides });

describe.each(DIALECTS)('States named in written input, and countries followed, on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  it('stores the States an input names, by code, once each, and shows them on the input', async () => {
    const author = await createMember(handle.db, await createOrganisation(handle.db));
    const saved = await saveSubmission(handle.db, author, null, draft({ states: ['KE', 'PE', 'KE'] }), null, context());
    expect(saved).toMatchObject({ ok: true });
    const id = saved.ok ? saved.value.id : '';
    const view = await viewSubmission(handle.db, author, id);
    expect(view.ok && view.value.states).toEqual(['KE', 'PE']);
    // Editing replaces the list; none is fine too.
    expect(await saveSubmission(handle.db, author, id, draft({}), null, context())).toMatchObject({ ok: true });
    const edited = await viewSubmission(handle.db, author, id);
    expect(edited.ok && edited.value.states).toEqual([]);
  });

  it('refuses a State that is not on the UN country list, with the message next to the States field', async () => {
    const author = await createMember(handle.db, await createOrganisation(handle.db));
    for (const states of [['KE', 'XX'], ['ke'], ['Kenya'], ['TW']]) {
      expect(await saveSubmission(handle.db, author, null, draft({ states }), null, context())).toEqual({
        ok: false,
        code: 'invalid',
        issues: { states: saying('Choose the States from the list.') },
      });
    }
    const many = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'NO', 'IS', 'CH', 'GB'];
    expect(await saveSubmission(handle.db, author, null, draft({ states: many }), null, context())).toMatchObject({ ok: false, issues: { states: saying('Name at most 30 States: those the input concerns.') } });
    expect(await handle.db.selectFrom('submissions').select('id').execute()).toEqual([]);
  });

  it('filters the published archive by State', async () => {
    const organisationId = await createOrganisation(handle.db, { name: 'Prevention Watch' });
    const author = await createMember(handle.db, organisationId);
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Kenya and Peru', states: ['KE', 'PE'], publishedAt: '2027-01-10T09:00:00.000Z' });
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Peru only', states: ['PE'], publishedAt: '2027-01-11T09:00:00.000Z' });
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'No State', publishedAt: '2027-01-12T09:00:00.000Z' });
    const titles = async (country?: string) => (await listPublishedSubmissions(handle.db, { country })).map((input) => input.title);
    expect(await titles('KE')).toEqual(['Kenya and Peru']);
    expect(await titles('PE')).toEqual(['Peru only', 'Kenya and Peru']);
    expect(await titles('AT')).toEqual([]);
    expect(await titles()).toHaveLength(3);
    expect((await listPublishedSubmissions(handle.db, { country: 'KE' }))[0]!.states).toEqual(['KE', 'PE']);
    // Something that is not a code matches nothing rather than everything.
    expect(await titles('%')).toEqual([]);
  });

  it('follows a country: the private feed then holds its events and the dialogues that examine its review; unfollowing takes them out', async () => {
    const person = await createMember(handle.db, null);
    const rotated = await rotateCalendarToken(handle.db, person, NOW);
    const token = rotated.ok ? rotated.value.token : '';
    const feedTitles = async () => ((await privateFeedEntries(handle.db, token, EVENTS, countriesOf))?.entries ?? []).map((entry) => entry.event.title);
    expect(await feedTitles()).toEqual([]);

    expect(await setCountryFollowed(handle.db, person, 'KE', true, NOW)).toEqual({ ok: true, value: { following: true } });
    // Twice is once.
    expect(await setCountryFollowed(handle.db, person, 'KE', true, NOW)).toEqual({ ok: true, value: { following: true } });
    expect(await isFollowingCountry(handle.db, person, 'KE')).toBe(true);
    // Kenya is under review in the phase the Vienna dialogue examines, and the Nairobi workshop is in Kenya.
    expect(await feedTitles()).toEqual(['Dialogue on prevention', 'Workshop in Nairobi']);

    expect(await setCountryFollowed(handle.db, person, 'KE', false, NOW)).toEqual({ ok: true, value: { following: false } });
    expect(await feedTitles()).toEqual([]);
    expect(await isFollowingCountry(handle.db, person, 'KE')).toBe(false);

    // Following the host State brings in what is held there.
    await setCountryFollowed(handle.db, person, 'CH', true, NOW);
    expect(await feedTitles()).toEqual(['Dialogue on something else']);
  });

  it('refuses to follow a country that is not on the list, and asks someone signed out to sign in', async () => {
    const person = await createMember(handle.db, null);
    expect(await setCountryFollowed(handle.db, person, 'XX', true, NOW)).toMatchObject({ ok: false, code: 'not_found', message: { key: 'calendar.noSuchCountry' } });
    expect(await setCountryFollowed(handle.db, null, 'KE', true, NOW)).toMatchObject({ ok: false, code: 'forbidden', message: { key: 'calendar.signInToFollowCountry' } });
    expect(await chooseCountryDigest(handle.db, person, { country: 'XX', digest: 'weekly' }, NOW)).toMatchObject({ ok: false, code: 'invalid', issues: { country: saying('There is no such country or area on the UN list.') } });
    expect(await listFollowedCountries(handle.db, person.id)).toEqual([]);
  });

  it('puts new items for a followed country in the weekly digest', async () => {
    const person = await createMember(handle.db, await createOrganisation(handle.db));
    expect(await chooseCountryDigest(handle.db, person, { country: 'KE', digest: 'weekly' }, NOW)).toEqual({ ok: true, value: { country: 'KE', digest: 'weekly' } });
    // The week of Monday 1 March 2027: the dialogue and the workshop are first seen in it, input naming Kenya published in it.
    await recordFirstSeen(handle.db, [portalEvent('2027-01-known-before', {}, 'events')], new Date('2027-02-01T00:00:00Z'));
    await recordFirstSeen(handle.db, EVENTS, new Date('2027-03-03T10:00:00Z'));
    const organisationId = await createOrganisation(handle.db, { name: 'Nairobi Forum' });
    const author = await createMember(handle.db, organisationId);
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Victim support in Kenya', topics: ['organized-crime'], states: ['KE'], publishedAt: '2027-03-04T09:00:00.000Z' });
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'About Peru', topics: ['organized-crime'], states: ['PE'], publishedAt: '2027-03-04T10:00:00.000Z' });
    const report = await sendDueDigests(handle.db, { now: new Date('2027-03-08T06:00:00Z'), events: EVENTS, topicTitles: TOPIC_TITLES, countriesOf });
    expect(report).toEqual({ sent: 1, empty: 0, alreadyClaimed: 0 });
    const [mail] = await waitForMail(join(folder, 'outbox'), (message) => message.to === person.email);
    expect(mail!.subject).toBe('Your weekly digest on WhatsOn: Kenya');
    expect(mail!.raw).toMatch(/New events\n- Dialogue on prevention/);
    expect(mail!.raw).toContain(translate('en', message('mail.digest.inputItem', { title: 'Victim support in Kenya', organisation: 'Nairobi Forum' })));
    expect(mail!.raw).not.toContain('About Peru');
    expect(mail!.raw).not.toContain('Dialogue on something else');
  });

  it('lists country follows in the data download, and account deletion removes them', async () => {
    const person = await createMember(handle.db, null);
    await handle.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', person.id).execute();
    await setCountryFollowed(handle.db, person, 'KE', true, NOW);
    await chooseCountryDigest(handle.db, person, { country: 'PE', digest: 'daily' }, NOW);
    const download = await exportPersonalData(handle.db, person, { now: NOW });
    expect(download.ok && download.value.followedCountries).toEqual([
      { country: 'KE', since: NOW.toISOString(), digest: 'none' },
      { country: 'PE', since: NOW.toISOString(), digest: 'daily' },
    ]);
    expect(await deleteAccount(handle.db, person, { password: PASSWORD }, () => undefined, NOW)).toMatchObject({ ok: true });
    expect(await handle.db.selectFrom('followed_countries').selectAll().where('user_id', '=', person.id).execute()).toEqual([]);
  });
});
