// A French-speaking organisation from its first visit to a confirmed place, in
// a real browser and all in French: it opens an event page, switches to
// French with the language switcher (reached with the keyboard; the page
// stays the same), signs up choosing French, confirms its address from the
// email, is accredited, signs in, applies from the box at the top of the
// event page, and receives the place's email and its .ics invitation in
// French. Every word the test looks for comes from the French catalogues, and
// no English sentence of the catalogues is left on any page on the way. On
// its own portal (database and outbox); the content is the test content.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fr } from '../../src/i18n/fr';
import { browserAvailable, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { domainSentence, englishGiveaways, englishOnPage } from '../support/english-in-browser';
import { calendarAttachments, linkIn, waitForMail } from '../support/outbox';
import { usePortal } from '../support/portal';

// Demo content: a CCPCJ side event taking open registrations (applications open at the test run's date).
const SIDE_EVENT = '/side-events/2027-05-ccpcj-ammunition-diversion';
const EMAIL = 'point-de-contact@example.org';
const PASSWORD = 'une phrase de passe solide et longue';
const ORGANISATION = 'Réseau des droits côtiers';

explainSkippedBrowserTests('journey in French');

const said = (key: Parameters<typeof domainSentence>[1]) => domainSentence('fr', key);

/** The domain sentence up to its first placeholder ("Clôture des inscriptions : {when}" → "Clôture des inscriptions :"). */
const opening = (text: string) => text.split('{')[0]!.trim();

/** Tabs from where the focus is until `target` has it (as a keyboard user would), then presses Enter. */
async function tabToAndEnter(page: Page, target: Locator) {
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error('the control is not reachable with the Tab key');
}

describe.skipIf(!browserAvailable)('a journey in French, in a browser', () => {
  const portal = usePortal('sqlite');
  const { newPage } = useBrowser(() => portal.servers[0]!.baseUrl);

  it('switches to French, signs up, confirms, applies from the box, and receives the email and the invitation in French', async () => {
    const giveaways = englishGiveaways('fr');
    const english: string[] = [];
    const page = await newPage();
    async function step(path: string) {
      await page.waitForURL(`**${path}`);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('fr');
      await expect(page.locator('html').getAttribute('dir')).resolves.toBe('ltr');
      english.push(...(await englishOnPage(page, 'fr', giveaways)));
    }

    // The event page in English; the language switcher, reached by Tab, keeps the page.
    await page.goto(SIDE_EVENT);
    // The check for English left finds the English page's sentences (so it can find them on a French one).
    expect(giveaways.length).toBeGreaterThan(100);
    expect((await englishOnPage(page, 'fr', giveaways)).length).toBeGreaterThan(10);
    const french = page.getByRole('navigation', { name: 'Languages' }).getByRole('link', { name: 'Français' });
    await tabToAndEnter(page, french);
    await step(`/fr${SIDE_EVENT}`);
    await expect(page.getByRole('navigation', { name: fr.site.languages }).getByRole('link', { name: 'Français' }).getAttribute('aria-current')).resolves.toBe('true');

    // Not signed in: the header offers to sign up.
    await page.getByRole('banner').getByRole('link', { name: fr.header.signUp }).press('Enter');
    await step('/fr/signup');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(fr.account.signUp);
    await page.getByRole('textbox', { name: fr.account.organisationName, exact: true }).fill(ORGANISATION);
    await page.getByRole('textbox', { name: fr.account.acronym, exact: true }).fill('RDC');
    await page.getByRole('combobox', { name: fr.account.type, exact: true }).selectOption('ngo');
    await page.getByRole('combobox', { name: fr.account.country, exact: true }).selectOption('SN');
    await page.getByRole('textbox', { name: fr.account.description, exact: true }).fill('Assistance juridique aux victimes de la traite le long des côtes d’Afrique de l’Ouest.');
    await page.getByRole('group', { name: fr.account.topics }).getByRole('checkbox').first().check();
    await page.getByRole('textbox', { name: fr.account.name, exact: true }).fill('Awa Diop');
    await page.getByRole('textbox', { name: fr.account.jobTitle, exact: true }).fill('Coordinatrice');
    await page.getByRole('textbox', { name: fr.account.email, exact: true }).fill(EMAIL);
    await page.getByLabel(fr.account.password).fill(PASSWORD);
    await page.getByRole('combobox', { name: fr.account.language, exact: true }).selectOption('fr');
    await page.getByRole('button', { name: fr.account.create }).press('Enter');
    await step('/fr/signup/sent');

    // The confirmation email is in French and its link opens the French page.
    const [confirmation] = await waitForMail(portal.outbox, (message) => message.to === EMAIL);
    expect(confirmation!.subjectText).toBe(said('mail.verify.subject'));
    const verify = new URL(linkIn(confirmation!, '/fr/verify-email?token='));
    await page.goto(`${verify.pathname}${verify.search}`);
    await step('/fr/verify-email?token=*');
    await page.getByRole('button', { name: fr.account.verifyButton }).press('Enter');
    await step('/fr/signin?verified=1');

    // The secretariat's decision has its own tests; here the organisation is accredited directly.
    await portal.handle.db.updateTable('organisations').set({ accreditation: 'accredited' }).where('name', '=', ORGANISATION).execute();
    await page.getByRole('textbox', { name: fr.account.email, exact: true }).fill(EMAIL);
    await page.getByLabel(fr.account.password).fill(PASSWORD);
    await page.getByRole('button', { name: fr.account.signInButton }).press('Enter');
    await step('/fr/account');

    // Back on the event page: the box at the top offers to apply.
    await page.goto(`/fr${SIDE_EVENT}`);
    await step(`/fr${SIDE_EVENT}`);
    const box = page.getByRole('region', { name: fr.box.label });
    await box.getByRole('link', { name: fr.registration.apply, exact: true }).press('Enter');
    await step(`/fr${SIDE_EVENT}/apply`);
    await expect(page.locator('form[method="post"]').last().getAttribute('action')).resolves.toBe(`/fr${SIDE_EVENT}/apply`);
    await page.getByRole('group', { name: fr.registration.mode }).getByLabel(fr.registration.modes['in-person']!).check();
    await page.getByRole('button', { name: fr.registration.submit }).press('Enter');
    await step('/fr/account/registrations?applied=approved');
    await expect(page.getByRole('main').innerText()).resolves.toContain(fr.registration.states.approved);

    // The place's email, and its invitation, in French.
    const [placeMail] = await waitForMail(portal.outbox, (message) => message.to === EMAIL && message.subjectText.startsWith(said('mail.registration.approved')));
    expect(placeMail, 'the place is confirmed by email').toBeTruthy();
    expect(placeMail!.raw).toContain(said('mail.registration.approvedText'));
    expect(placeMail!.raw).toContain(said('mail.registration.takingPart.in-person'));
    expect(placeMail!.raw).toContain(opening(said('mail.registration.body')));
    expect(linkIn(placeMail!, `/fr${SIDE_EVENT}`)).toBeTruthy();
    const invitation = calendarAttachments(placeMail!)[0]!.replace(/\r?\n[ \t]/g, '');
    expect(invitation).toMatch(/^METHOD:REQUEST\r?$/m);
    expect(invitation).toMatch(new RegExp(`\\nURL;VALUE=URI:https?://[^/]+/fr${SIDE_EVENT}\\r?\\n`));
    expect(invitation).toContain(opening(said('calendar.registrationCloses')));

    expect(english, 'English sentences of the catalogues on the French pages').toEqual([]);
  }, 300_000);
});
