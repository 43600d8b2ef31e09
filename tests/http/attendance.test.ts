// Attendance through the admin event page, on a portal whose clock stands
// years after the event started (WHATSON_CLOCK): the secretariat ticks
// registrations and records them as attended; approved ones are recorded, the
// others refused and counted in the notice; others than the secretariat get 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession } from '../../src/server/auth/sessions';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/databases';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';
import { seedRegistration } from '../support/workspace-seeds';
import { workspaceEn } from '../../src/i18n/workspace-en';

// Demo content, used for its address only: a dialogue of 2027 (moved with the test content), long started by the portal's clock.
const EVENT = 'dialogues/2027-07-trafficking-in-persons';
const LATER = new Date(Date.now() + 4 * 365 * 86_400_000).toISOString();
// Sessions are made on the server's clock, or they would have long expired there.
const w = workspaceEn.eventAdmin;

describe.each(DIALECTS)('attendance over HTTP on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let outbox: string;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    server = await startServer({ DATABASE_URL: database.url, OUTBOX_DIR: outbox, WHATSON_CLOCK: LATER });
    handle = database.open();
  }, 180_000);
  afterAll(async () => {
    await handle?.close();
    await server?.stop();
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  const cookieOf = async (organisationId: string | null, role: 'representative' | 'secretariat') =>
    `whatson_session=${(await createSession(handle.db, (await createMember(handle.db, organisationId, role)).id, new Date(LATER))).token}`;
  const get = async (path: string, cookie: string) => {
    const response = await fetch(new URL(path, server.baseUrl), { redirect: 'manual', headers: { Cookie: cookie } });
    return { status: response.status, body: await response.text() };
  };

  it('records ticked approved registrations as attended, refuses the others, and lets nobody else do it', async () => {
    const staff = await cookieOf(null, 'secretariat');
    const organisationId = await createOrganisation(handle.db, { name: 'Attendance Org' });
    const approved = await seedRegistration(handle.db, { eventKey: EVENT, person: await createMember(handle.db, organisationId), organisationId, state: 'approved' });
    const pending = await seedRegistration(handle.db, { eventKey: EVENT, person: await createMember(handle.db, organisationId), organisationId, state: 'pending' });

    const page = await get(`/admin/events/${EVENT}`, staff);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`<legend>${w.attendanceLegend}</legend>`);
    expect(page.body).toContain(`<th scope="col">${w.attendanceColumn}</th>`);
    expect(page.body).toContain(`>${w.attendanceNotRecorded}</td>`);

    const marked = await postForm(server.baseUrl, `/admin/events/${EVENT}`, { ids: [approved, pending], attendance: 'attended', action: 'attendance' }, staff);
    expect(marked).toMatchObject({ status: 303, location: `/admin/events/${EVENT}?marked=1&unmarked=1` });
    const after = await get(marked.location!, staff);
    expect(after.body).toContain(w.attendanceDone(1, 1));
    expect(after.body).toContain(`<td data-attendance="attended">${w.attendanceStates.attended}</td>`);
    const rows = await handle.db.selectFrom('registrations').select(['id', 'attendance']).where('id', 'in', [approved, pending]).execute();
    expect(Object.fromEntries(rows.map((row) => [row.id, row.attendance]))).toEqual({ [approved]: 'attended', [pending]: null });
    expect(await handle.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'registration.attended').execute()).toEqual([{ subject_id: approved }]);

    const unchosen = await postForm(server.baseUrl, `/admin/events/${EVENT}`, { ids: [approved], attendance: 'maybe', action: 'attendance' }, staff);
    expect(unchosen.status).toBe(422);
    expect(unchosen.html).toContain('Choose attended or absent.');
    const member = await cookieOf(organisationId, 'representative');
    expect((await postForm(server.baseUrl, `/admin/events/${EVENT}`, { ids: [approved], attendance: 'absent', action: 'attendance' }, member)).status).toBe(403);
    expect((await handle.db.selectFrom('registrations').select('attendance').where('id', '=', approved).executeTakeFirstOrThrow()).attendance).toBe('attended');

    const csv = await get('/admin/figures.csv?from=2020-01-01&to=2035-12-31&by=event', staff);
    expect(csv.status).toBe(200);
    expect(csv.body.split('\r\n').find((line) => line.includes(EVENT))).toMatch(/,1,1,,0$/);
  });
});
