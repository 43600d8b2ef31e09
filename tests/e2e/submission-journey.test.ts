// Draft → submit → the secretariat publishes → the input is in the archive,
// on the topic page, on the dialogue page and in the RSS feed.
import { describe, expect, inject, it } from 'vitest';
import { useDatabaseFile } from '../support/databases';
import { browserAvailable, expectAccessible, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { createOrganisation } from '../support/members';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
// The spring firearms dialogue's call for input is open until the end of February 2027 (demo content).
const DIALOGUE = '/dialogues/2027-03-firearms';
const TITLE = 'Marking and tracing: what we see on the ground';

explainSkippedBrowserTests('written input journey');

describe.skipIf(!browserAvailable)('written input journey in a browser', () => {
  const browser = useBrowser(baseUrl);
  const database = useDatabaseFile(databaseUrl);

  it('drafts, previews, submits, and is published by the secretariat', async () => {
    const { page: author } = await browser.signedInPage(database.db, await createOrganisation(database.db, { name: 'Balkan Arms Watch' }));
    await author.goto(DIALOGUE);
    await Promise.all([author.waitForURL('**/submissions/new?call=*'), author.getByRole('link', { name: 'Write input' }).click()]);
    await expectAccessible(author);

    await author.getByLabel('Title').fill(TITLE);
    await author.getByRole('checkbox', { name: 'Firearms', exact: true }).check();
    await author.getByLabel('Your input').fill('## Findings\n\nWe documented **42** cases of *erased markings*.');
    await author.getByLabel('The organisation consents to the publication of this input on WhatsOn').check();
    await Promise.all([author.waitForURL('**/edit?saved=1'), author.getByRole('button', { name: 'Save draft and preview' }).click()]);
    await expect(author.getByRole('region', { name: 'Preview' }).innerHTML()).resolves.toContain('<strong>42</strong>');
    await expectAccessible(author);

    // Submitting without answering the guiding questions is refused, with the message beside them.
    await author.getByRole('button', { name: 'Submit to the secretariat' }).click();
    await author.getByText('Answer every guiding question before submitting.').waitFor();
    await expectAccessible(author);
    const answers = author.getByRole('group', { name: 'Answers to the guiding questions' }).getByRole('textbox');
    const count = await answers.count();
    for (let index = 0; index < count; index++) await answers.nth(index).fill(`Answer ${index + 1}: serial numbers are filed off before resale.`);
    await Promise.all([author.waitForURL('**/edit?submitted=1'), author.getByRole('button', { name: 'Submit to the secretariat' }).click()]);
    await expect(author.getByRole('main').innerText()).resolves.toContain('Submitted');

    const { page: secretariat } = await browser.signedInPage(database.db, null, 'secretariat');
    await secretariat.goto(`/admin/submissions?call=${encodeURIComponent('dialogues/2027-03-firearms')}`);
    await expectAccessible(secretariat);
    const entry = secretariat.getByRole('article', { name: TITLE });
    await entry.getByLabel('Decision').selectOption('publish');
    await Promise.all([secretariat.waitForURL('**/admin/submissions?decided=published'), entry.getByRole('button', { name: 'Record the decision' }).click()]);

    const visitor = await browser.newPage();
    await visitor.goto('/submissions');
    await expect(visitor.getByRole('main').innerText()).resolves.toContain(TITLE);
    await expectAccessible(visitor);
    await visitor.getByRole('link', { name: TITLE }).click();
    await expect(visitor.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(TITLE);
    await expect(visitor.getByRole('main').innerText()).resolves.toContain('Balkan Arms Watch');
    await expectAccessible(visitor);
    await visitor.goto('/topics/firearms');
    await expect(visitor.getByRole('region', { name: 'Published input on this topic' }).innerText()).resolves.toContain(TITLE);
    await visitor.goto(DIALOGUE);
    await expect(visitor.getByRole('main').innerText()).resolves.toContain(TITLE);
    const rss = await (await fetch(new URL('/submissions/rss.xml', baseUrl))).text();
    expect(rss).toContain(`<title>Balkan Arms Watch: ${TITLE}</title>`);
  }, 300_000);
});
