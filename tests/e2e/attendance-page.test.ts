// The attendance part of the admin event page, on a 375 px phone and with axe,
// on a portal whose clock stands after the event started (the shared test
// server's clock stands before it, so the phone-width walk sees only the note
// that attendance comes later): the secretariat ticks a registration, records
// it as attended, and the participation figures show the Attendance column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createSession } from '../../src/server/auth/sessions';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { browserAvailable, checkAccessibility, explainSkippedBrowserTests, useBrowser } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';
import { seedRegistration } from '../support/workspace-seeds';
import { workspaceEn } from '../../src/i18n/workspace-en';

// Demo content, used for its address only (moved with the test content); the portal's clock stands years later.
const EVENT = 'dialogues/2027-07-trafficking-in-persons';
const LATER = new Date(Date.now() + 4 * 365 * 86_400_000);
const PHONE = { width: 375, height: 740 };
const w = workspaceEn.eventAdmin;

explainSkippedBrowserTests('attendance page');

async function fitsThePhoneAndPassesAxe(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const excess = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);
  expect({ path, excess }).toEqual({ path, excess: 0 });
  expect(await checkAccessibility(page)).toEqual([]);
}

describe.skipIf(!browserAvailable)('recording attendance on a phone', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let outbox: string;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    server = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: outbox, WHATSON_CLOCK: LATER.toISOString() });
    handle = database.open();
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
    await server?.stop();
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });
  const browser = useBrowser(() => server.baseUrl);

  it('ticks a registration, records it as attended, and shows attendance in the figures; every page fits and passes axe, in English and Arabic', async () => {
    const organisationId = await createOrganisation(handle.db, { name: 'Phone Attendance Org' });
    const person = await createMember(handle.db, organisationId);
    const registration = await seedRegistration(handle.db, { eventKey: EVENT, person, organisationId, state: 'approved' });
    const staff = await createMember(handle.db, null, 'secretariat');
    // The session is made on the server's clock, or it would have long expired there.
    const { token } = await createSession(handle.db, staff.id, LATER);
    const page = await browser.newPage({ viewport: PHONE });
    await page.context().addCookies([{ name: 'whatson_session', value: token, url: server.baseUrl }]);

    await fitsThePhoneAndPassesAxe(page, `/admin/events/${EVENT}`);
    await page.locator(`#pick-${registration}`).check();
    await page.getByLabel(w.attendanceLabel).selectOption('attended');
    await page.getByRole('button', { name: w.attendanceSubmit }).click();
    await page.waitForURL(/marked=1/);
    expect((await page.getByRole('status').first().textContent())?.trim()).toBe(w.attendanceDone(1, 0));
    const excess = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);
    expect(excess).toBe(0);
    expect(await checkAccessibility(page)).toEqual([]);
    expect((await handle.db.selectFrom('registrations').select('attendance').where('id', '=', registration).executeTakeFirstOrThrow()).attendance).toBe('attended');

    await fitsThePhoneAndPassesAxe(page, `/ar/admin/events/${EVENT}`);
    await fitsThePhoneAndPassesAxe(page, '/admin/figures?from=2020-01-01&to=2035-12-31');
    expect(await page.locator('table[data-figures] th', { hasText: workspaceEn.figures.attendance }).count()).toBeGreaterThan(0);
    await fitsThePhoneAndPassesAxe(page, '/ar/admin/figures?from=2020-01-01&to=2035-12-31');
  });
});
