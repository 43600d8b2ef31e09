// A focal point signs up, confirms by the emailed link, is accredited by the
// secretariat (another browser), and invites a colleague who joins. axe checks
// every account and secretariat page on the way, forms in their error state too.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, expectAccessible, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { runWhatsonAsync } from '../support/cli';
import { awaitMail, linkIn, mailTo } from '../support/outbox';

const baseUrl = inject('baseUrl');
const outboxDir = inject('outboxDir');
const databaseUrl = inject('databaseUrl');
const FOCAL_EMAIL = 'e2e.focal@example.org';
const PASSWORD = 'a sturdy passphrase for e2e';

explainSkippedBrowserTests('accounts journey');

/** The link in the latest email to `to` whose subject starts with `subject`, once it is delivered, pointed at the test server (emails carry PUBLIC_ORIGIN). */
async function emailedLink(to: string, subject: string, path: string): Promise<string> {
  const mail = await mailTo(outboxDir, to, subject);
  const link = new URL(linkIn(mail, path));
  return `${link.pathname}${link.search}`;
}


describe.skipIf(!browserAvailable)('accounts journey in a browser', () => {
  const { newPage } = useBrowser(baseUrl);

  async function signIn(page: Page, email: string, password: string) {
    await page.goto('/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await Promise.all([page.waitForURL('**/account'), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  it('signs up, confirms, is accredited by the secretariat, and invites a colleague who joins', async () => {
    const focal = await newPage();
    await focal.goto('/signup');
    await expectAccessible(focal);

    // The form in its error state: messages next to the fields, still accessible.
    await focal.getByRole('button', { name: 'Create account' }).click();
    await focal.getByText('Enter the organisation’s name.').waitFor();
    await expectAccessible(focal);

    await focal.getByLabel('Organisation name').fill('Coastal Rights Network');
    await focal.getByLabel('Acronym').fill('CRN');
    await focal.getByLabel('Kind of organisation').selectOption('network');
    await focal.getByLabel('Country').selectOption('GR');
    await focal.getByLabel('Website').fill('https://coastal-rights.example.org');
    await focal.getByLabel('What the organisation does').fill('Legal aid for people smuggled across the Mediterranean.');
    await focal.getByLabel('Smuggling of migrants').check();
    await focal.getByLabel('List the organisation in the public directory once accredited').check();
    await focal.getByRole('textbox', { name: 'Name', exact: true }).fill('Eleni Pappas');
    await focal.getByLabel('Function').fill('Coordinator');
    await focal.getByLabel('Email').fill(FOCAL_EMAIL);
    await focal.getByLabel('Password').fill(PASSWORD);
    await Promise.all([focal.waitForURL('**/signup/sent'), focal.getByRole('button', { name: 'Create account' }).click()]);

    await focal.goto(await emailedLink(FOCAL_EMAIL, 'Confirm your email address', '/verify-email?token='));
    await Promise.all([focal.waitForURL('**/signin?verified=1'), focal.getByRole('button', { name: 'Confirm my email address' }).click()]);
    await expectAccessible(focal);
    await signIn(focal, FOCAL_EMAIL, PASSWORD);
    await expect(focal.locator('[data-accreditation]').innerText()).resolves.toContain('Pending');
    await expectAccessible(focal);

    // The secretariat, in a second browser context: account from the CLI, password from its link.
    const created = await runWhatsonAsync(['create-secretariat', '--email', 'e2e.secretariat@un.org', '--name', 'Sam Secretariat'], { DATABASE_URL: databaseUrl });
    expect(created.status).toBe(0);
    const setPassword = new URL(/https?:\/\/\S+reset-password\?token=\S+/.exec(created.stdout)![0]);
    const secretariat = await newPage();
    await secretariat.goto(`${setPassword.pathname}${setPassword.search}`);
    await secretariat.getByLabel('New password').fill(PASSWORD);
    // The link signs its user in.
    await Promise.all([secretariat.waitForURL('**/account?password=reset'), secretariat.getByRole('button').filter({ hasText: /password/i }).click()]);
    await secretariat.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Secretariat' }).click();
    await secretariat.waitForURL('**/admin');
    await expectAccessible(secretariat);
    // The queue lists the oldest requests first, 20 a page: other tests' organisations may come before this one.
    const request = secretariat.getByRole('article').filter({ hasText: 'Coastal Rights Network' });
    while ((await request.count()) === 0) {
      const next = secretariat.locator('a[rel="next"]');
      expect(await next.count(), 'the request is on some page of the queue').toBeGreaterThan(0);
      await Promise.all([secretariat.waitForURL('**/admin?**page=**'), next.first().click()]);
    }
    await request.getByRole('button', { name: /accredit/i }).first().click();
    await secretariat.waitForURL('**/admin?**');
    await secretariat.goto('/admin/audit');
    await expect(secretariat.getByRole('table').innerText()).resolves.toMatch(/Accredited the organisation[\s\S]*Coastal Rights Network/);
    await expectAccessible(secretariat);

    await focal.reload();
    await expect(focal.locator('[data-accreditation]').innerText()).resolves.toContain('Accredited');
    expect((await awaitMail(outboxDir, (message) => message.to === FOCAL_EMAIL && message.subjectText.endsWith('accredited on WhatsOn'))).subject).toMatch(/accredited/i);

    // The focal point invites a colleague, who joins through the emailed link in a third browser.
    await focal.goto('/account/organisation');
    await expectAccessible(focal);
    await focal.getByRole('region', { name: 'Invite a colleague' }).getByLabel('Email').fill('e2e.colleague@example.org');
    await Promise.all([focal.waitForURL('**/account/organisation?invited=*'), focal.getByRole('button', { name: 'Send the invitation' }).click()]);
    const colleague = await newPage();
    await colleague.goto(await emailedLink('e2e.colleague@example.org', 'Invitation to represent', '/join?token='));
    await expectAccessible(colleague);
    await colleague.getByRole('textbox', { name: 'Name', exact: true }).fill('Nikos Andreou');
    await colleague.getByLabel('Password').fill('another sturdy passphrase');
    await Promise.all([colleague.waitForURL('**/account'), colleague.getByRole('button', { name: 'Accept the invitation' }).click()]);
    await expect(colleague.getByRole('main').innerText()).resolves.toMatch(/Nikos Andreou[\s\S]*Representative[\s\S]*Coastal Rights Network/);

    await focal.goto('/account/calendar');
    await focal.getByRole('button', { name: 'Make my calendar address' }).click();
    await focal.locator('[data-calendar-address]').waitFor();
    await expectAccessible(focal);
    await focal.goto('/topics/smuggling-of-migrants');
    await Promise.all([focal.waitForURL('**/topics/smuggling-of-migrants'), focal.getByRole('button', { name: 'Follow this topic' }).click()]);
    await focal.getByText('You follow this topic').waitFor();
    await expectAccessible(focal);

    await focal.goto('/organisations');
    await expect(focal.getByRole('main').innerText()).resolves.toContain('Coastal Rights Network');
    await expectAccessible(focal);
  }, 300_000);

  it('keeps the sign-in form accessible in its error state', async () => {
    const page = await newPage();
    await page.goto('/signin');
    await page.getByLabel('Email').fill('nobody@example.org');
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await expectAccessible(page);
  });
});
