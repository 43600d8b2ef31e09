// Attachments stream to disk as the browser sends them (security note:
// memory stays flat whatever arrives): a PDF chosen in Chromium's file field
// arrives whole, with its name, through the streaming form reader; a file
// that is not a PDF is refused next to the field with what was typed kept.
import { describe, expect, inject, it } from 'vitest';
import { useDatabaseFile } from '../support/databases';
import { browserAvailable, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { createOrganisation } from '../support/members';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

explainSkippedBrowserTests('attachment upload');

describe.skipIf(!browserAvailable)('attachment upload in a browser', () => {
  const browser = useBrowser(baseUrl);
  const database = useDatabaseFile(databaseUrl);

  it('a PDF chosen in the file field arrives whole, under its name; a file that is not a PDF is refused next to the field', async () => {
    const { page } = await browser.signedInPage(database.db, await createOrganisation(database.db, { name: 'Upload Watch' }));
    await page.goto('/submissions/new');
    await page.getByLabel('Title').fill('Findings with evidence attached');
    await page.getByRole('checkbox', { name: 'Firearms', exact: true }).check();
    await page.getByLabel('Your input').fill('Text typed before choosing the wrong file.');
    await page.getByLabel(/PDF attachment/).setInputFiles({ name: 'photo.pdf', mimeType: 'application/pdf', buffer: Buffer.from('GIF89a not a pdf at all') });
    await page.getByRole('button', { name: 'Save draft and preview' }).click();
    await page.locator('#field-attachment-error').waitFor();
    await expect(page.getByLabel('Your input').inputValue()).resolves.toBe('Text typed before choosing the wrong file.');

    await page.getByLabel(/PDF attachment/).setInputFiles({ name: 'Évidence – 2027.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
    await Promise.all([page.waitForURL('**/edit?saved=1'), page.getByRole('button', { name: 'Save draft and preview' }).click()]);
    await expect(page.locator('#attachment-current').innerText()).resolves.toContain('Évidence – 2027.pdf');
    const id = /\/submissions\/([^/]+)\/edit/.exec(page.url())![1]!;
    const download = await page.request.get(`/submissions/${id}/attachment`);
    expect(download.status()).toBe(200);
    expect((await download.body()).toString('latin1')).toBe(PDF);
  });
});
