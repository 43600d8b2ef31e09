// One journey per role through the whole portal, in headless Chromium: a
// visitor browses and subscribes; a focal point signs up, is accredited by the
// secretariat and brings in a colleague; the focal point is waitlisted for a
// full webinar and promoted when the secretariat frees a place; the colleague
// sends written input that the secretariat publishes. axe checks every page
// type on the way, each form in its error state too.
//
// The tests run in order and hand their people (browser pages) on to the next.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import type { SessionUser } from '../../src/server/auth/sessions';
import { browserAvailable, expectAccessible, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { useDatabaseFile } from '../support/databases';
import { randomClientAddress } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { calendarAttachments, linkIn, mailTo } from '../support/outbox';

const baseUrl = inject('baseUrl');
const outboxDir = inject('outboxDir');
const databaseUrl = inject('databaseUrl');

// Unique per run, so a rerun against the same database meets no earlier account.
const RUN = Date.now().toString(36);
const FOCAL = { name: 'Oyuna Bat-Erdene', email: `focal.${RUN}@example.org`, password: 'a sturdy passphrase for journeys' };
const COLLEAGUE = { name: 'Tuya Ganbold', email: `colleague.${RUN}@example.org`, password: 'another sturdy passphrase' };
const ORGANISATION = `Steppe Justice Initiative ${RUN}`;
const INPUT_TITLE = `Technical assistance that reaches local courts ${RUN}`;

// Demo content: an online webinar with open registration (places confirmed at
// once), 500 online places, a waitlist, applications open until 18 January 2027.
// No other test against the shared server applies for it.
const WEBINAR = {
  path: '/events/2027-01-webinar-engaging-with-the-review-mechanism',
  key: 'events/2027-01-webinar-engaging-with-the-review-mechanism',
  title: 'Webinar: How civil society can engage with the UNTOC review mechanism',
  uid: /^UID:events-2027-01-webinar-engaging-with-the-review-mechanism@/m,
  onlinePlaces: 500,
};

explainSkippedBrowserTests('whole journeys');

/** The path and query of the link in the latest email to `to` whose subject starts with `subject`, once it is delivered (emails carry PUBLIC_ORIGIN, not the test server). */
async function emailedLink(to: string, subject: string, path: string): Promise<string> {
  const link = new URL(linkIn(await mailTo(outboxDir, to, subject), path));
  return `${link.pathname}${link.search}`;
}

/** Expects the form control to be marked invalid, with `message` shown beside it in its field. */
async function expectFieldError(control: Locator, message: string) {
  await expect(control.getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(control.locator('xpath=ancestor::*[contains(concat(" ", @class, " "), " field ")][1]').innerText()).resolves.toContain(message);
}

describe.skipIf(!browserAvailable)('whole journeys, one per role', () => {
  const browser = useBrowser(baseUrl);
  const database = useDatabaseFile(databaseUrl);

  // People handed from one journey to the next.
  let visitor: Page;
  let focal: Page;
  let secretariat: Page;
  let colleague: Page;
  let turnedDownRegistration: string;

  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL('**/account'), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  /**
   * Gives all 500 online places of the webinar to people who registered
   * earlier: approved registrations written straight into the server's
   * database (the per-organisation maximum only limits the portal's own
   * approvals). Returns one of them, for the secretariat to turn down.
   */
  async function fillEveryOnlinePlace() {
    const db = database.db;
    // Three places go to a private-sector sponsor (whom the secretariat can
    // find with a filter), the rest to a few NGOs.
    const sponsor = { name: `Webinar sponsor ${RUN}`, type: 'private-sector' as const };
    const sponsorId = await createOrganisation(db, sponsor);
    const audiences: { id: string; name: string }[] = [];
    for (const letter of ['A', 'B', 'C', 'D']) {
      const name = `Webinar audience ${letter} ${RUN}`;
      audiences.push({ id: await createOrganisation(db, { name }), name });
    }
    const people: (SessionUser & { organisationName: string })[] = [];
    for (let index = 0; index < WEBINAR.onlinePlaces; index++) {
      const organisation = index < 3 ? { id: sponsorId, name: sponsor.name } : audiences[index % audiences.length]!;
      people.push({ ...(await createMember(db, organisation.id)), organisationName: organisation.name });
    }
    const stamp = new Date().toISOString();
    await db.transaction().execute(async (trx) => {
      // Only this suite applies for the webinar; what an earlier run against the
      // same server left (watch mode) is withdrawn, so the waitlist starts empty.
      await trx.updateTable('registrations').set({ state: 'withdrawn', updated_at: stamp }).where('event_key', '=', WEBINAR.key).where('state', 'in', ['pending', 'approved', 'waitlisted']).execute();
      // The portal numbers arrivals from the event's lock version (seats.ts, lockEvent):
      // the seeded places come first, and the next applicant is numbered after them.
      const lock = await trx.selectFrom('registration_locks').select('version').where('event_key', '=', WEBINAR.key).executeTakeFirst();
      const first = Number(lock?.version ?? 0) + 1;
      await trx
        .insertInto('registrations')
        .values(
          people.map((person, index) => ({
            id: `webinar-${RUN}-${index}`,
            event_key: WEBINAR.key,
            user_id: person.id,
            organisation_id: person.organisationId!,
            mode: 'online',
            state: 'approved',
            queue_number: first + index,
            statement: null,
            travel_support: 0,
            wants_to_speak: 0,
            accessibility_needs: null,
            decision_reason: null,
            decided_by: null,
            decided_at: stamp,
            created_at: stamp,
            updated_at: stamp,
          })),
        )
        .execute();
      const version = first + people.length - 1;
      await trx
        .insertInto('registration_locks')
        .values({ event_key: WEBINAR.key, version })
        .onConflict((conflict) => conflict.column('event_key').doUpdateSet({ version }))
        .execute();
    });
    return { ...people[0]!, registrationId: `webinar-${RUN}-0` };
  }

  it('a visitor browses, filters, opens an event and subscribes to the filtered list', async () => {
    visitor = await browser.newPage();
    await visitor.goto('/');
    await expectAccessible(visitor);

    await Promise.all([visitor.waitForURL('**/events'), visitor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Events', exact: true }).click()]);
    await expectAccessible(visitor);

    // The filter panel is folded until a filter is in use.
    await visitor.getByRole('main').locator('details.fold > summary').click();
    await visitor.getByLabel('Topic', { exact: true }).selectOption({ label: 'International cooperation' });
    await visitor.getByLabel('Format', { exact: true }).selectOption({ label: 'Online' });
    await Promise.all([visitor.waitForURL((url) => url.searchParams.has('format')), visitor.getByRole('button', { name: 'Apply filters' }).click()]);
    const filtered = new URL(visitor.url());
    expect(Object.fromEntries(filtered.searchParams)).toMatchObject({ topic: 'international-cooperation', format: 'online' });
    await expect(visitor.getByRole('main').getByRole('article').allInnerTexts()).resolves.toContainEqual(expect.stringContaining(WEBINAR.title));
    await expectAccessible(visitor);

    // The list's calendar carries the same filters: subscribing gives the webinar.
    // (The webcal:// address names the public origin; the test server stands in for it.)
    const subscribe = await visitor.getByRole('link', { name: 'Subscribe', exact: true }).getAttribute('href');
    expect(subscribe).toMatch(/^webcal:\/\//);
    const feedUrl = new URL(subscribe!.replace(/^webcal:/, 'http:'));
    expect(Object.fromEntries(feedUrl.searchParams)).toEqual({ topic: 'international-cooperation', format: 'online' });
    const feed = await fetch(new URL(`${feedUrl.pathname}${feedUrl.search}`, baseUrl));
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const calendar = await feed.text();
    expect(calendar.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(calendar).toMatch(WEBINAR.uid);

    // A filter value the form never offers (an edited or stale address): the
    // listing answers 422 and says what is wrong beside the field.
    const rejected = await visitor.goto('/events?topic=international-cooperation&format=carrier-pigeon');
    expect(rejected?.status()).toBe(422);
    await expect(visitor.getByRole('alert').innerText()).resolves.toContain('Choose in person, online or hybrid.');
    await expectFieldError(visitor.getByLabel('Format', { exact: true }), 'Choose in person, online or hybrid.');
    await expectAccessible(visitor);

    await visitor.goBack();
    await Promise.all([visitor.waitForURL(`**${WEBINAR.path}`), visitor.getByRole('link', { name: WEBINAR.title }).click()]);
    await expect(visitor.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(WEBINAR.title);
    await expect(visitor.getByRole('link', { name: 'Sign in to apply' }).isVisible()).resolves.toBe(true);
    await expectAccessible(visitor);

    await visitor.goto('/organisations');
    await expect(visitor.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Organisations');
    await expectAccessible(visitor);
    // The directory's search in its error state: a country code that is none.
    expect((await visitor.goto('/organisations?country=ZZ'))?.status()).toBe(422);
    await expectFieldError(visitor.getByRole('combobox', { name: 'Country', exact: true }), 'Choose a country from the list.');
    await expectAccessible(visitor);

    await Promise.all([visitor.waitForURL('**/submissions'), visitor.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Written input' }).click()]);
    await expect(visitor.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Written input');
    await expectAccessible(visitor);
  });

  it('a focal point signs up and confirms, the secretariat accredits the organisation, and a colleague joins', async () => {
    // The sign-up limit counts per client address: this journey speaks for its own.
    focal = await browser.newPage({ extraHTTPHeaders: { 'X-Forwarded-For': randomClientAddress() } });
    await focal.goto('/signup');
    await expectAccessible(focal);

    await focal.getByLabel('Organisation name').fill(ORGANISATION);
    await focal.getByLabel('Kind of organisation').selectOption('ngo');
    await focal.getByLabel('Country').selectOption({ label: 'Mongolia' });
    await focal.getByLabel('What the organisation does').fill('Legal aid and court monitoring in cases of trafficking and smuggling.');
    await focal.getByLabel('Technical assistance').check();
    await focal.getByLabel('List the organisation in the public directory once accredited').check();
    await focal.getByRole('textbox', { name: 'Name', exact: true }).fill(FOCAL.name);
    await focal.getByLabel('Function').fill('Director');
    await focal.getByLabel('Email').fill('oyuna at example.org');
    await focal.getByLabel('Password').fill(FOCAL.password);

    // The error state: an email address that is not one. The rest is kept.
    await focal.getByRole('button', { name: 'Create account' }).click();
    await focal.getByRole('alert').waitFor();
    await expectFieldError(focal.getByRole('textbox', { name: 'Email', exact: true }), 'Enter an email address such as name@example.org.');
    await expect(focal.getByLabel('Organisation name').inputValue()).resolves.toBe(ORGANISATION);
    await expectAccessible(focal);

    await focal.getByLabel('Email').fill(FOCAL.email);
    await focal.getByLabel('Password').fill(FOCAL.password);
    await Promise.all([focal.waitForURL('**/signup/sent'), focal.getByRole('button', { name: 'Create account' }).click()]);
    await expectAccessible(focal);

    // The emailed link opens a page that confirms by a POST (link scanners do not use it up).
    await focal.goto(await emailedLink(FOCAL.email, 'Confirm your email address', '/verify-email?token='));
    await expectAccessible(focal);
    await Promise.all([focal.waitForURL('**/signin?verified=1'), focal.getByRole('button', { name: 'Confirm my email address' }).click()]);
    await expectAccessible(focal);
    // A mistyped password first: the sign-in form in its error state.
    await focal.getByLabel('Email').fill(FOCAL.email);
    await focal.getByLabel('Password').fill('not my passphrase at all');
    await focal.getByRole('button', { name: 'Sign in' }).click();
    await focal.getByRole('alert').waitFor();
    await expectAccessible(focal);
    await signIn(focal, FOCAL.email, FOCAL.password);
    await expect(focal.locator('[data-accreditation]').innerText()).resolves.toContain('Pending');
    await expectAccessible(focal);

    // The secretariat, in a second browser, finds the request by its country.
    ({ page: secretariat } = await browser.signedInPage(database.db, null, 'secretariat'));
    await secretariat.goto('/');
    await Promise.all([secretariat.waitForURL('**/admin'), secretariat.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secretariat' }).click()]);
    await expectAccessible(secretariat);
    await secretariat.getByLabel('Country', { exact: true }).selectOption({ label: 'Mongolia' });
    await Promise.all([secretariat.waitForURL('**/admin?**country=MN**'), secretariat.getByRole('button', { name: 'Apply filters' }).click()]);
    const request = secretariat.getByRole('article', { name: ORGANISATION, exact: true });

    // Rejecting needs a reason the focal point can act on: the message stands beside the reason.
    await request.getByRole('button', { name: 'Reject' }).click();
    await secretariat.getByText('Give the reason for not accrediting: the focal point reads it and can act on it.').waitFor();
    await expectFieldError(request.getByLabel('Reason'), 'Give the reason for not accrediting');
    await expectAccessible(secretariat);

    await Promise.all([secretariat.waitForURL('**/admin?**decided=accredited**'), request.getByRole('button', { name: 'Accredit' }).click()]);
    await expect(secretariat.getByRole('status').first().innerText()).resolves.toContain('The decision is saved (Accredited)');

    await focal.reload();
    await expect(focal.locator('[data-accreditation]').innerText()).resolves.toContain('Accredited');
    expect((await mailTo(outboxDir, FOCAL.email, `${ORGANISATION} is`)).subject).toMatch(/accredited/i);
    // The anonymous directory (possibly cached from the visitor's first look) lists the organisation at once.
    await visitor.goto('/organisations');
    await expect(visitor.getByRole('main').innerText()).resolves.toContain(ORGANISATION);

    // The focal point invites a colleague: first a mistyped address.
    await Promise.all([focal.waitForURL('**/account/organisation'), focal.getByRole('link', { name: 'Manage your organisation' }).click()]);
    await expectAccessible(focal);
    const invite = focal.getByRole('region', { name: 'Invite a colleague' });
    await invite.getByLabel('Email').fill('tuya@');
    await invite.getByRole('button', { name: 'Send the invitation' }).click();
    await invite.getByRole('alert').waitFor();
    await expectFieldError(invite.getByLabel('Email'), 'Enter an email address such as name@example.org.');
    await expectAccessible(focal);
    await invite.getByLabel('Email').fill(COLLEAGUE.email);
    await Promise.all([focal.waitForURL('**/account/organisation?invited=*'), invite.getByRole('button', { name: 'Send the invitation' }).click()]);
    await expect(focal.getByRole('status').innerText()).resolves.toContain(COLLEAGUE.email);

    // The colleague, in a third browser, joins through the emailed link.
    colleague = await browser.newPage();
    await colleague.goto(await emailedLink(COLLEAGUE.email, 'Invitation to represent', '/join?token='));
    await expectAccessible(colleague);
    await colleague.getByRole('button', { name: 'Accept the invitation' }).click();
    await colleague.getByRole('alert').waitFor();
    await expectFieldError(colleague.getByRole('textbox', { name: 'Name', exact: true }), 'Enter your name.');
    await expectAccessible(colleague);
    await colleague.getByRole('textbox', { name: 'Name', exact: true }).fill(COLLEAGUE.name);
    await colleague.getByLabel('Password').fill(COLLEAGUE.password);
    await Promise.all([colleague.waitForURL('**/account'), colleague.getByRole('button', { name: 'Accept the invitation' }).click()]);
    await expect(colleague.getByRole('main').innerText()).resolves.toMatch(new RegExp(`${COLLEAGUE.name}[\\s\\S]*Representative[\\s\\S]*${ORGANISATION}`));
    await expectAccessible(colleague);

    await focal.goto('/account/organisation');
    await expect(focal.getByRole('region', { name: 'Members' }).innerText()).resolves.toMatch(new RegExp(`${COLLEAGUE.name}[\\s\\S]*Active`));
  }, 300_000);

  it('the focal point is waitlisted for a full webinar and promoted when the secretariat frees a place, then the list is exported', async () => {
    const turnedDown = await fillEveryOnlinePlace();
    turnedDownRegistration = `${turnedDown.name}, ${turnedDown.organisationName}`;

    await focal.goto(WEBINAR.path);
    await expect(focal.getByRole('region', { name: 'Registration' }).innerText()).resolves.toMatch(/Places online\s+500 \(all taken\)/);
    await Promise.all([focal.waitForURL(`**${WEBINAR.path}/apply`), focal.getByRole('link', { name: 'Apply', exact: true }).click()]);
    // An open registration has no required field (the only mode, online, is chosen already): no error state to show.
    await expectAccessible(focal);
    await focal.getByLabel('Accessibility needs').fill('Live captions, please.');
    await Promise.all([focal.waitForURL('**/account/registrations?applied=waitlisted'), focal.getByRole('button', { name: 'Send the application' }).click()]);
    await expect(focal.getByRole('status').innerText()).resolves.toContain('you are on the waitlist');
    const registration = focal.getByRole('row').filter({ hasText: WEBINAR.title });
    await expect(registration.innerText()).resolves.toContain('Waitlisted, position 1 on the waitlist');
    await expectAccessible(focal);
    const waitlisted = await mailTo(outboxDir, FOCAL.email, 'You are on the waitlist');
    expect(waitlisted.subject).toContain('You are on the waitlist');
    expect(waitlisted.raw).toContain('on the waitlist at position 1');

    // The secretariat turns down one of the 500, and must say why.
    await Promise.all([secretariat.waitForURL('**/admin/events'), secretariat.getByRole('link', { name: 'Registrations per event' }).click()]);
    await expectAccessible(secretariat);
    await Promise.all([secretariat.waitForURL(`**/admin/events${WEBINAR.path}`), secretariat.getByRole('link', { name: WEBINAR.title }).click()]);
    const byState = secretariat.locator('dl[aria-label="By state"]');
    await expect(byState.innerText()).resolves.toMatch(/Approved\s+500/);
    await expect(byState.innerText()).resolves.toMatch(/Waitlisted\s+1/);
    // axe runs on the filtered list: on all 501 rows it takes over half a minute.
    await secretariat.getByLabel('State', { exact: true }).selectOption({ label: 'Approved' });
    await secretariat.getByLabel('Kind of organisation', { exact: true }).selectOption({ label: 'Private sector' });
    await Promise.all([secretariat.waitForURL('**type=private-sector**'), secretariat.getByRole('button', { name: 'Apply filters' }).click()]);
    await expect(secretariat.getByRole('table').getByRole('checkbox').count()).resolves.toBe(3);
    await expectAccessible(secretariat);
    const pick = `Select: ${turnedDown.name}, ${turnedDown.organisationName}`;
    await secretariat.getByRole('checkbox', { name: pick, exact: true }).check();
    await secretariat.getByLabel('Decision for the ticked applications').selectOption('reject');
    await secretariat.getByRole('button', { name: 'Apply the decision' }).click();
    await secretariat.getByRole('alert').waitFor();
    await expectFieldError(secretariat.getByLabel('Reason (required to reject; the applicant sees it)'), 'Give the reason for not approving; the applicant sees it.');
    await expectAccessible(secretariat);

    await secretariat.getByRole('checkbox', { name: pick, exact: true }).check();
    await expect(secretariat.getByLabel('Decision for the ticked applications').inputValue()).resolves.toBe('reject');
    await secretariat.getByLabel('Reason (required to reject; the applicant sees it)').fill('Registered twice, under another address.');
    await Promise.all([secretariat.waitForURL(`**/admin/events${WEBINAR.path}?**changed=1**`), secretariat.getByRole('button', { name: 'Apply the decision' }).click()]);
    await expect(secretariat.getByRole('status').first().innerText()).resolves.toContain('1 application(s) changed');

    // The freed place went to the first in line, without anyone deciding it.
    await focal.goto('/account/registrations');
    await expect(registration.innerText()).resolves.toContain('Approved');
    await expectAccessible(focal);
    const promoted = await mailTo(outboxDir, FOCAL.email, 'A place became free');
    expect(promoted.subject).toContain('A place became free');
    const [invitation] = calendarAttachments(promoted);
    expect(invitation).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(invitation).toMatch(WEBINAR.uid);
    expect((await mailTo(outboxDir, turnedDown.email, 'Your application was not approved')).raw).toContain('Registered twice, under another address.');

    // The export, with the secretariat's session: both decisions are in it.
    const csvLink = await secretariat.getByRole('link', { name: 'Download the list (CSV)' }).getAttribute('href');
    const csv = await secretariat.request.get(csvLink!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const lines = (await csv.text()).split('\r\n');
    expect(lines[0]).toContain('organisation');
    expect(lines.find((line) => line.includes(FOCAL.email))).toMatch(new RegExp(`${ORGANISATION},ngo,MN,Mongolia,none,online,approved`));
    expect(lines.find((line) => line.includes(turnedDown.email))).toContain('rejected');
  }, 360_000);

  it('the colleague sends written input, the secretariat publishes it, and a visitor reads it at once', async () => {
    // The visitor looks first, so the anonymous pages are in the page cache when the input is published.
    await visitor.goto('/submissions');
    await expect(visitor.getByRole('main').innerText()).resolves.not.toContain(INPUT_TITLE);
    await visitor.goto('/topics/technical-assistance');
    await expect(visitor.getByRole('main').innerText()).resolves.not.toContain(INPUT_TITLE);

    await colleague.goto('/account');
    await Promise.all([colleague.waitForURL('**/account/submissions'), colleague.getByRole('link', { name: 'Your organisation’s written input' }).click()]);
    await expectAccessible(colleague);
    await Promise.all([colleague.waitForURL('**/submissions/new'), colleague.getByRole('link', { name: 'Write input' }).click()]);
    await expectAccessible(colleague);

    // Everything but the title: the draft is refused, with the message beside the title.
    await colleague.getByRole('checkbox', { name: 'Technical assistance', exact: true }).check();
    await colleague.getByLabel('Your input').fill('## What we see\n\nJudges in **three provinces** asked for training on the Protocols.');
    await colleague.getByLabel('The organisation consents to the publication of this input on WhatsOn').check();
    await colleague.getByRole('button', { name: 'Save draft and preview' }).click();
    await colleague.getByRole('alert').waitFor();
    await expectFieldError(colleague.getByRole('textbox', { name: 'Title', exact: true }), 'Give the input a title.');
    await expectAccessible(colleague);

    await colleague.getByLabel('Title').fill(INPUT_TITLE);
    await Promise.all([colleague.waitForURL('**/edit?saved=1'), colleague.getByRole('button', { name: 'Save draft and preview' }).click()]);
    const submissionId = new URL(colleague.url()).pathname.split('/')[2]!;
    await expect(colleague.getByRole('region', { name: 'Preview' }).innerHTML()).resolves.toContain('<strong>three provinces</strong>');
    await expectAccessible(colleague);
    await Promise.all([colleague.waitForURL('**/edit?submitted=1'), colleague.getByRole('button', { name: 'Submit to the secretariat' }).click()]);
    await expect(colleague.getByRole('main').innerText()).resolves.toContain('Your input is submitted.');
    await colleague.goto('/account/submissions');
    await expect(colleague.getByRole('table').innerText()).resolves.toMatch(new RegExp(`${INPUT_TITLE}[\\s\\S]*Submitted`));

    // The secretariat: returning without a note is refused beside the note; then it publishes.
    await secretariat.goto('/admin');
    await Promise.all([secretariat.waitForURL('**/admin/submissions'), secretariat.getByRole('link', { name: 'Written input to moderate' }).click()]);
    await expectAccessible(secretariat);
    const entry = secretariat.getByRole('article', { name: INPUT_TITLE });
    await entry.getByLabel('Decision').selectOption('return');
    await entry.getByRole('button', { name: 'Record the decision' }).click();
    await entry.getByRole('alert').waitFor();
    await expectFieldError(entry.getByLabel('Note to the author (required to return or reject)'), 'Write a note for the author: what to change, or why it is not published.');
    await expectAccessible(secretariat);
    await entry.getByLabel('Decision').selectOption('publish');
    await Promise.all([secretariat.waitForURL('**/admin/submissions?decided=published'), entry.getByRole('button', { name: 'Record the decision' }).click()]);
    await expect(secretariat.getByRole('status').innerText()).resolves.toContain('The input is now: Published.');

    // No waiting: publishing invalidates the cached anonymous pages.
    await visitor.goto('/submissions');
    await expect(visitor.getByRole('main').innerText()).resolves.toContain(INPUT_TITLE);
    await visitor.goto('/topics/technical-assistance');
    await expect(visitor.getByRole('region', { name: 'Published input on this topic' }).innerText()).resolves.toContain(INPUT_TITLE);
    await expectAccessible(visitor);
    await Promise.all([visitor.waitForURL('**/submissions/*'), visitor.getByRole('link', { name: INPUT_TITLE }).click()]);
    await expect(visitor.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(INPUT_TITLE);
    await expect(visitor.getByRole('main').innerText()).resolves.toContain(ORGANISATION);
    await expectAccessible(visitor);

    await secretariat.goto('/admin/audit');
    // Every decision of these journeys, with its reason; registrations and written input are named: whose, for which event; the input's title.
    const decisions = secretariat.getByRole('table').getByRole('row');
    await expect(decisions.filter({ hasText: ORGANISATION }).innerText()).resolves.toContain('Accredited the organisation');
    await expect(decisions.filter({ hasText: turnedDownRegistration }).innerText()).resolves.toMatch(/Did not approve a registration[\s\S]*Registered twice, under another address\./);
    await expect(decisions.filter({ hasText: INPUT_TITLE }).innerText()).resolves.toContain('Published written input');
    expect(await decisions.filter({ hasText: INPUT_TITLE }).getByRole('link', { name: INPUT_TITLE }).getAttribute('href')).toBe(`/submissions/${submissionId}`);
    await expectAccessible(secretariat);
  }, 300_000);

  it('the focal point’s account pages stay accessible, and the private calendar carries the webinar', async () => {
    for (const [path, heading] of [
      ['/account', 'Your account'],
      ['/account/organisation', 'Your organisation'],
      ['/account/registrations', 'Your organisation’s registrations'],
      ['/account/submissions', 'Your organisation’s written input'],
      ['/account/calendar', 'Your calendar'],
    ] as const) {
      await focal.goto(path);
      await expect(focal.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(heading);
      await expectAccessible(focal);
    }
    // The calendar page right after making an address (it is shown only this once).
    await focal.getByRole('button', { name: 'Make my calendar address' }).click();
    await focal.locator('[data-calendar-address]').waitFor();
    await expectAccessible(focal);
    // The secret address serves the webinar the focal point now has a place at.
    const address = new URL(await focal.locator('[data-calendar-address]').innerText());
    const privateCalendar = await (await fetch(new URL(address.pathname, baseUrl))).text();
    expect(privateCalendar).toMatch(WEBINAR.uid);
  }, 300_000);
});
