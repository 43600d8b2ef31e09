// A person follows a topic and chooses a weekly digest; the secretariat
// publishes a dialogue whose call for input on that topic opens; the digest
// job (run as cron would, with the following Monday as its clock) sends the
// digest, and its unsubscribe link works without signing in. On its own
// portal (database and outbox). axe checks every new page on the way,
// including the secretariat's workspace pages.
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../src/server/auth/sessions';
import { createEvent } from '../../src/server/event-editor/save-event';
import { editorValuesOf } from '../../src/server/event-editor/event-form';
import { browserAvailable, expectAccessible, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { runWhatsonAsync } from '../support/cli';
import { frontMatter, TOPIC_SLUGS } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import { waitForMail } from '../support/outbox';
import { usePortal } from '../support/portal';
import { seedRegistration } from '../support/workspace-seeds';

explainSkippedBrowserTests('digest journey');

const TOPIC = 'technical-assistance';
const DIALOGUE = 'e2e-digest-technical-assistance';
const DAY_MS = 24 * 60 * 60 * 1000;

/** An instant as the wall clock in Vienna ("2027-03-01T10:00"), as the editor takes it. */
function viennaWallClock(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Vienna', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at).replace(' ', 'T');
}

/** 06:00 UTC on the Monday after `at`: the weekly digest covering `at`'s week is due then. */
function followingMonday(at: Date): Date {
  const midnight = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const daysToMonday = ((8 - new Date(midnight).getUTCDay()) % 7) || 7;
  return new Date(midnight + daysToMonday * DAY_MS + 6 * 60 * 60 * 1000);
}

describe.skipIf(!browserAvailable)('topic digest journey in a browser', () => {
  const portal = usePortal('sqlite');
  const { newPage, signedInPage } = useBrowser(() => portal.servers[0]!.baseUrl);

  it('follows a topic with a weekly digest, receives it once a call on the topic opens, and unsubscribes from the email', async () => {
    const db = portal.handle.db;
    const { person, page } = await signedInPage(db, await createOrganisation(db, { name: 'Capacity Builders' }));

    await page.goto(`/topics/${TOPIC}`);
    await Promise.all([page.waitForURL(`**/topics/${TOPIC}`), page.getByRole('button', { name: 'Follow this topic' }).click()]);
    await page.goto('/account/calendar');
    await page.getByLabel('Digest for Technical assistance').selectOption('weekly');
    await Promise.all([page.waitForURL('**/account/calendar?topic=*'), page.getByRole('button', { name: 'Save' }).click()]);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Technical assistance: Weekly digest.');
    await expectAccessible(page);

    // The secretariat publishes a dialogue whose call for input on the topic opens now.
    const now = new Date();
    const secretariat: SessionUser = await createMember(db, null, 'secretariat');
    const data = frontMatter({
      title: 'Dialogue on technical assistance (digest journey)',
      start: viennaWallClock(new Date(now.getTime() + 60 * DAY_MS)).replace(/T.*/, 'T10:00'),
      end: viennaWallClock(new Date(now.getTime() + 60 * DAY_MS)).replace(/T.*/, 'T18:00'),
      topics: [TOPIC],
      workingGroup: TOPIC,
      illustrative: false,
      callForInput: { opens: viennaWallClock(new Date(now.getTime() - 60 * 60 * 1000)), closes: viennaWallClock(new Date(now.getTime() + 40 * DAY_MS)), questions: ['What helps most?'], wordLimit: 800 },
    });
    const created = await createEvent(db, secretariat, { collection: 'dialogues', slug: DIALOGUE, ...editorValuesOf(data, 'Send us your input.'), action: 'publish' }, { knownTopics: TOPIC_SLUGS, fileEvent: () => undefined, now });
    expect(created).toMatchObject({ ok: true });

    // Cron's run, on the Monday after: this week's digest is due.
    const run = await runWhatsonAsync(['digest', 'send', '--at', followingMonday(now).toISOString()], { DATABASE_URL: portal.database.url, OUTBOX_DIR: portal.outbox });
    expect(run.stdout + run.stderr).toContain('1 digest(s) written to the outbox');
    const [digest] = await waitForMail(portal.outbox, (message) => message.to === person.email && message.subject.startsWith('Your weekly digest'));
    expect(digest!.subject).toBe('Your weekly digest on WhatsOn: Technical assistance');
    expect(digest!.raw).toMatch(/Calls for input that opened\n- Dialogue on technical assistance \(digest journey\)/);
    expect(digest!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    // A second run (another instance, or cron again) sends nothing more.
    const again = await runWhatsonAsync(['digest', 'send', '--at', followingMonday(now).toISOString()], { DATABASE_URL: portal.database.url, OUTBOX_DIR: portal.outbox });
    expect(again.stdout).toContain('0 digest(s) written to the outbox');

    // The link from the email, opened in a browser that is not signed in.
    const link = new URL(/Stop these digests with one click, without signing in: (\S+)/.exec(digest!.raw)![1]!);
    expect(digest!.raw.replace(/\n\s+</g, ' <')).toContain(`List-Unsubscribe: <${link.href}>`);
    const visitor = await newPage();
    await visitor.goto(`${link.pathname}${link.search}`);
    await expectAccessible(visitor);
    await visitor.getByRole('button', { name: 'Stop these digests' }).click();
    await expect(visitor.getByRole('status').innerText()).resolves.toContain('no more weekly digests will be sent');
    await expectAccessible(visitor);
    const row = await db.selectFrom('followed_topics').select('digest').where('user_id', '=', person.id).executeTakeFirstOrThrow();
    expect(row.digest).toBe('none');
  });

  it('finds no accessibility violation on the secretariat’s workspace pages', async () => {
    const db = portal.handle.db;
    const organisationId = await createOrganisation(db, { name: 'Queue Org', accreditation: 'pending' });
    const member = await createMember(db, await createOrganisation(db, { name: 'Approved Org' }));
    await seedRegistration(db, { eventKey: 'dialogues/2027-07-trafficking-in-persons', person: member, organisationId: member.organisationId!, state: 'pending' });
    const { page } = await signedInPage(db, null, 'secretariat');
    expect(organisationId).toBeTruthy();
    for (const path of [
      '/admin',
      '/admin/audit?subjectType=organisation',
      '/admin/audit?from=not-a-day',
      '/admin/figures',
      '/admin/figures?by=topic&from=2026-01-01&to=2027-12-31',
      '/admin/events',
      '/admin/events/dialogues/2027-07-trafficking-in-persons',
      '/admin/events/dialogues/2027-07-trafficking-in-persons?country=nowhere',
      '/admin/events/dialogues/2027-07-trafficking-in-persons/message',
      '/admin/submissions',
    ]) {
      await page.goto(path);
      await expectAccessible(page);
    }
    // The bulk form in its error state.
    await page.goto('/admin');
    await page.getByRole('group', { name: 'One decision for every ticked organisation' }).getByLabel('Decision').selectOption('reject');
    await page.getByRole('button', { name: 'Decide for the ticked ones' }).click();
    await page.getByText('Tick at least one organisation.').first().waitFor();
    await expectAccessible(page);
  });
});
