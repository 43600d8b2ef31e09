// Topic digests on both databases: what a seeded week's digest holds, nothing
// when nothing is new, the signed one-click unsubscribe, and one digest per
// person and period whatever runs twice or at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/server/db/connection';
import { migrateToLatest } from '../../src/server/db/migrate';
import { chooseTopicDigest, unsubscribeBySignedLink, unsubscribeUrl } from '../../src/server/digests/digest-preferences';
import { recordFirstSeen, sendDueDigests } from '../../src/server/digests/send-digests';
import { runDigestPass } from '../../src/server/digests/digest-job';
import { lastCompletedPeriod } from '../../src/server/digests/digest-periods';
import { formatDay, formatDayRange } from '../../src/i18n/format';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { portalEvent, TOPIC_SLUGS, TOPIC_TITLES } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import { insertPublishedInput } from '../support/published-input';
import { useTemporaryOutbox, waitForMail } from '../support/outbox';

const outbox = useTemporaryOutbox();

// The week of Monday 1 March 2027; its digest is due from Monday 8 March.
const MONDAY_AFTER = new Date('2027-03-08T06:00:00Z');
const IN_THE_WEEK = new Date('2027-03-03T10:00:00Z');

const known = portalEvent('2027-04-firearms-known', { title: 'Known firearms meeting', start: '2027-04-10T10:00', end: '2027-04-10T12:00' }, 'events');
const fresh = portalEvent('2027-05-firearms-new', { title: 'New firearms workshop', start: '2027-05-10T10:00', end: '2027-05-10T12:00' }, 'events');
const otherTopic = portalEvent('2027-05-smuggling-new', { title: 'New smuggling briefing', topics: ['smuggling-of-migrants'], start: '2027-05-11T10:00', end: '2027-05-11T12:00' }, 'events');
const callOpened = portalEvent('2027-06-firearms-dialogue', {
  title: 'Dialogue on firearms tracing',
  start: '2027-06-10T10:00',
  end: '2027-06-10T18:00',
  callForInput: { opens: '2027-03-02T09:00', closes: '2027-04-30T23:59', questions: ['What works?'], wordLimit: 500 },
});
const callClosing = portalEvent('2027-03-firearms-dialogue', {
  title: 'Dialogue on firearms marking',
  start: '2027-03-25T10:00',
  end: '2027-03-25T18:00',
  callForInput: { opens: '2027-02-01T09:00', closes: '2027-03-15T23:59', questions: ['What works?'], wordLimit: 500 },
});
const callClosingLater = portalEvent('2027-07-firearms-dialogue', {
  title: 'Dialogue on firearms brokering',
  start: '2027-07-25T10:00',
  end: '2027-07-25T18:00',
  callForInput: { opens: '2027-02-01T09:00', closes: '2027-05-15T23:59', questions: ['What works?'], wordLimit: 500 },
});
const EVENTS = [known, fresh, otherTopic, callOpened, callClosing, callClosingLater];
const BEFORE = [known, callClosing, callClosingLater];

async function outboxRows(handle: DatabaseHandle, recipient: string) {
  return handle.db.selectFrom('outgoing_mail').select(['subject', 'body', 'headers']).where('recipient', '=', recipient).execute();
}

describe.each(DIALECTS)('topic digests on %s', (dialect) => {
  let handle: DatabaseHandle;
  let database: TestDatabase;
  let target: TestDatabase['target'];
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    target = database.target;
    handle = database.open();
    await migrateToLatest(handle);
  });
  afterEach(async () => {
    await handle.close();
    await database.drop();
  });

  async function weeklyReader(topic = 'firearms') {
    const person = await createMember(handle.db, await createOrganisation(handle.db));
    expect(await chooseTopicDigest(handle.db, person, { topic, digest: 'weekly' }, TOPIC_SLUGS)).toEqual({ ok: true, value: { topic, digest: 'weekly' } });
    return person;
  }

  /** What the portal had before the week, then what appeared in it. */
  async function seedWeek() {
    await recordFirstSeen(handle.db, BEFORE, new Date('2027-02-01T00:00:00Z'));
    await recordFirstSeen(handle.db, EVENTS, IN_THE_WEEK);
    const organisationId = await createOrganisation(handle.db, { name: 'Arms Watch' });
    const author = await createMember(handle.db, organisationId);
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Tracing in the Sahel', topics: ['firearms'], publishedAt: '2027-03-04T09:00:00.000Z' });
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Answer on marking', topics: ['organized-crime'], callKey: 'dialogues/2027-03-firearms-dialogue', publishedAt: '2027-03-05T09:00:00.000Z' });
    await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Older findings', topics: ['firearms'], publishedAt: '2027-02-20T09:00:00.000Z' });
  }

  it('holds the week’s new events, calls that opened or close within two weeks, and published input on the topic', async () => {
    await seedWeek();
    const reader = await weeklyReader();
    const report = await sendDueDigests(handle.db, { now: MONDAY_AFTER, events: EVENTS, topicTitles: TOPIC_TITLES });
    expect(report).toEqual({ sent: 1, empty: 0, alreadyClaimed: 0 });
    const [mail] = await waitForMail(outbox, (message) => message.to === reader.email);
    expect(mail!.subject).toBe('Your weekly digest on WhatsOn: Firearms');
    // Header lines may be folded (RFC 5322): unfolded before reading.
    const body = mail!.raw.replace(/\r\n/g, '\n').replace(/\n[ \t]+</g, ' <');
    // Dates through Intl in the reader's language (English here: the account's default).
    expect(body).toContain(`(${formatDayRange(new Date('2027-03-01T00:00:00Z'), new Date('2027-03-07T00:00:00Z'), 'UTC', 'en')})`);
    expect(body).toContain(`New events\n- New firearms workshop (${formatDay(fresh.start, fresh.timeZone, 'en')})`);
    expect(body).toMatch(/Calls for input that opened\n- Dialogue on firearms tracing/);
    expect(body).toMatch(/Calls for input closing within two weeks\n- Dialogue on firearms marking/);
    expect(body).toContain('Tracing in the Sahel, by Arms Watch');
    expect(body).toContain('Answer on marking, by Arms Watch');
    for (const absent of ['Known firearms meeting', 'New smuggling briefing', 'brokering', 'Older findings']) expect(body).not.toContain(absent);
    const link = await unsubscribeUrl(handle.db, reader.id, 'weekly');
    expect(body).toContain(`List-Unsubscribe: <${link}>`);
    expect(body).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(body).toContain(`without signing in: ${link}`);
  });

  it('sends nothing when nothing on the topic is new, and does not weigh that week again', async () => {
    await seedWeek();
    const reader = await weeklyReader('technical-assistance');
    expect(await sendDueDigests(handle.db, { now: MONDAY_AFTER, events: EVENTS, topicTitles: TOPIC_TITLES })).toEqual({ sent: 0, empty: 1, alreadyClaimed: 0 });
    expect(await outboxRows(handle, reader.email)).toEqual([]);
    expect(await sendDueDigests(handle.db, { now: new Date('2027-03-08T07:00:00Z'), events: EVENTS, topicTitles: TOPIC_TITLES })).toEqual({ sent: 0, empty: 0, alreadyClaimed: 0 });
  });

  it('sends a person no digest when their topics are set to no email', async () => {
    await seedWeek();
    const reader = await weeklyReader();
    await chooseTopicDigest(handle.db, reader, { topic: 'firearms', digest: 'none' }, TOPIC_SLUGS);
    expect(await sendDueDigests(handle.db, { now: MONDAY_AFTER, events: EVENTS, topicTitles: TOPIC_TITLES })).toEqual({ sent: 0, empty: 0, alreadyClaimed: 0 });
  });

  it('refuses a digest choice for a topic that does not exist, with the message next to the field', async () => {
    const person = await createMember(handle.db, await createOrganisation(handle.db));
    expect(await chooseTopicDigest(handle.db, person, { topic: 'no-such-topic', digest: 'weekly' }, TOPIC_SLUGS)).toEqual({ ok: false, code: 'invalid', issues: { topic: 'Choose a topic from the list.' } });
    expect(await chooseTopicDigest(handle.db, person, { topic: 'firearms', digest: 'hourly' }, TOPIC_SLUGS)).toMatchObject({ ok: false, code: 'invalid', issues: { digest: 'Choose weekly, daily or no email.' } });
  });

  it('unsubscribes through the signed link without signing in, and refuses a forged one', async () => {
    const reader = await weeklyReader();
    const other = await weeklyReader();
    const link = new URL(await unsubscribeUrl(handle.db, reader.id, 'weekly'));
    const forged = new URL(link);
    forged.searchParams.set('user', other.id);
    expect(await unsubscribeBySignedLink(handle.db, forged.searchParams)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await unsubscribeBySignedLink(handle.db, link.searchParams)).toEqual({ ok: true, value: { userId: reader.id, frequency: 'weekly', topics: 1 } });
    const digests = await handle.db.selectFrom('followed_topics').select(['user_id', 'digest']).orderBy('user_id').execute();
    expect(digests.find((row) => row.user_id === reader.id)?.digest).toBe('none');
    expect(digests.find((row) => row.user_id === other.id)?.digest).toBe('weekly');
    // Repeated (the mail program, then the person): nothing more changes.
    expect(await unsubscribeBySignedLink(handle.db, link.searchParams)).toMatchObject({ ok: true, value: { topics: 0 } });
  });

  it('writes one digest per person and period when two instances run the job at once, and again later', async () => {
    await seedWeek();
    const readers = await Promise.all([weeklyReader(), weeklyReader(), weeklyReader()]);
    // A second instance: its own pool on PostgreSQL. SQLite serves one host, whose one connection both passes share.
    const other = dialect === 'postgres' ? openDatabase(target) : handle;
    try {
      const options = { now: MONDAY_AFTER, events: EVENTS, topicTitles: TOPIC_TITLES };
      const results = await Promise.all([runDigestPass(handle, options), runDigestPass(other, options), sendDueDigests(other.db, options)]);
      const sent = results.reduce((total, result) => total + (result === 'busy' ? 0 : result.sent), 0);
      expect(sent).toBe(3);
      for (const reader of readers) expect(await outboxRows(handle, reader.email)).toHaveLength(1);
      expect(await runDigestPass(other, { ...options, now: new Date('2027-03-10T06:00:00Z') })).toEqual({ sent: 0, empty: 0, alreadyClaimed: 0 });
    } finally {
      if (other !== handle) await other.close();
    }
    const claims = await handle.db.selectFrom('digest_sends').select(['period_start', 'items']).execute();
    expect(claims).toHaveLength(3);
    expect(new Set(claims.map((claim) => claim.period_start))).toEqual(new Set([lastCompletedPeriod('weekly', MONDAY_AFTER).start.toISOString()]));
  });

  it('leaves a period unclaimed when writing its digest fails, so the next run sends it once', async () => {
    await seedWeek();
    const reader = await weeklyReader();
    const broken = EVENTS.map((event) => (event === fresh ? { ...event, get title(): string { throw new Error('disk gone'); } } : event));
    await expect(sendDueDigests(handle.db, { now: MONDAY_AFTER, events: broken, topicTitles: TOPIC_TITLES })).rejects.toThrow('disk gone');
    expect(await handle.db.selectFrom('digest_sends').selectAll().execute()).toEqual([]);
    expect(await sendDueDigests(handle.db, { now: MONDAY_AFTER, events: EVENTS, topicTitles: TOPIC_TITLES })).toMatchObject({ sent: 1 });
    expect(await outboxRows(handle, reader.email)).toHaveLength(1);
  });
});
