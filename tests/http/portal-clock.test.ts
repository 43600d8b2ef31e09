// The portal's "now" is a setting (WHATSON_CLOCK) that tests control: three
// servers on one database, each on its own day, judge the same event by their
// own clock, never by the machine's. The days are years away from any date the
// suite runs on, so a server that read the machine's clock would answer wrong.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { createSession, SESSION_COOKIE } from '../../src/server/auth/sessions';
import { createEvent } from '../../src/server/event-editor/save-event';
import { editorValuesOf } from '../../src/server/event-editor/event-form';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { frontMatter, TOPIC_SLUGS } from '../support/event-fixtures';
import { postForm } from '../support/forms';
import { createMember, createOrganisation } from '../support/members';
import { startServer, type RunningServer } from '../support/server';

const DAY = 86_400_000;
const ZONE = 'Europe/Vienna';
/** The test's "today". */
const TODAY = new Date('2033-03-01T09:00:00Z');
const SLUG = '2033-03-clock-dialogue';
const PAGE = `/dialogues/${SLUG}`;

function daysFromToday(days: number): Date {
  return new Date(TODAY.getTime() + days * DAY);
}

/** The venue's wall clock at an instant, as the content format writes it: "2033-03-21T10:00". */
function wallClock(instant: Date): string {
  const local = new TZDate(instant.getTime(), ZONE);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${local.getFullYear()}-${two(local.getMonth() + 1)}-${two(local.getDate())}T${two(local.getHours())}:${two(local.getMinutes())}`;
}

/** A dialogue whose applications are open from ten days before the test's today until five days after; it takes place twenty days after. */
function dialogueValues() {
  const data = frontMatter({
    title: 'Dialogue on the clock',
    start: wallClock(daysFromToday(20)),
    end: wallClock(new Date(daysFromToday(20).getTime() + 8 * 3_600_000)),
    timezone: ZONE,
    topics: ['firearms'],
    workingGroup: 'firearms',
    illustrative: false,
    registration: { mode: 'open', opens: wallClock(daysFromToday(-10)), closes: wallClock(daysFromToday(5)), capacityInPerson: 10, capacityOnline: 10, waitlist: true, eligibleTypes: ['ngo'] },
  });
  return { collection: 'dialogues', slug: SLUG, ...editorValuesOf(data, 'Talk about **time**.'), action: 'publish' };
}

async function pageAppears(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while ((await fetch(url)).status !== 200) {
    if (Date.now() > deadline) throw new Error(`${url} did not appear`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the portal clock (WHATSON_CLOCK)', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let outbox: string;
  const servers: Record<'beforeOpening' | 'whileOpen' | 'afterClosing' | 'afterTheEvent', RunningServer> = {} as never;
  let memberCookie: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    outbox = mkdtempSync(join(tmpdir(), 'whatson-outbox-'));
    const at = (day: number) => ({ DATABASE_URL: database.url, OUTBOX_DIR: outbox, WHATSON_CLOCK: daysFromToday(day).toISOString() });
    // One at a time: the first migrates the database the others share. The
    // application on day 7 renews the session, which then lapses on day 37.
    servers.whileOpen = await startServer(at(0));
    servers.beforeOpening = await startServer(at(-20));
    servers.afterClosing = await startServer(at(7));
    servers.afterTheEvent = await startServer(at(40));
    handle = database.open();
    const secretariat = await createMember(handle.db, null, 'secretariat');
    const created = await createEvent(handle.db, secretariat, dialogueValues(), { knownTopics: TOPIC_SLUGS, fileEvent: () => undefined, now: TODAY });
    expect(created, JSON.stringify(created)).toMatchObject({ ok: true, value: { published: true } });
    const member = await createMember(handle.db, await createOrganisation(handle.db, { accreditation: 'accredited', type: 'ngo' }));
    memberCookie = `${SESSION_COOKIE}=${(await createSession(handle.db, member.id, TODAY)).token}`;
    // Each server takes the published event from the database within a second or so.
    for (const server of Object.values(servers)) await pageAppears(server.baseUrl + PAGE);
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
    await Promise.all(Object.values(servers).map((server) => server.stop()));
    await database?.drop();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('says applications are not open yet on a day before the window opens', async () => {
    const page = await (await fetch(servers.beforeOpening.baseUrl + PAGE)).text();
    expect(page).toContain('Applications are not open yet.');
  });

  it('takes an application on a day inside the window', async () => {
    const applied = await postForm(servers.whileOpen.baseUrl, `${PAGE}/apply`, { mode: 'in-person' }, memberCookie);
    expect(applied.status).toBe(303);
    expect(applied.location).toMatch(/^\/account\/registrations\?applied=approved/);
  });

  it('refuses an application on a day after the window closed', async () => {
    const refused = await postForm(servers.afterClosing.baseUrl, `${PAGE}/apply`, { mode: 'online' }, memberCookie);
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Applications are closed.');
  });

  it('lists the event as upcoming until it has taken place, then as past', async () => {
    const upcomingWhileOpen = await (await fetch(`${servers.whileOpen.baseUrl}/dialogues`)).text();
    const upcomingAfter = await (await fetch(`${servers.afterTheEvent.baseUrl}/dialogues`)).text();
    const pastAfter = await (await fetch(`${servers.afterTheEvent.baseUrl}/dialogues?when=past`)).text();
    expect(upcomingWhileOpen).toContain('Dialogue on the clock');
    expect(upcomingAfter).not.toContain('Dialogue on the clock');
    expect(pastAfter).toContain('Dialogue on the clock');
  });

  it("ends a session idle for longer than its limit by the server's clock, not the machine's", async () => {
    const whileOpen = await fetch(`${servers.whileOpen.baseUrl}/account`, { headers: { Cookie: memberCookie }, redirect: 'manual' });
    const monthLater = await fetch(`${servers.afterTheEvent.baseUrl}/account`, { headers: { Cookie: memberCookie }, redirect: 'manual' });
    expect(whileOpen.status).toBe(200);
    expect(monthLater.status).toBe(303);
    expect(monthLater.headers.get('location')).toMatch(/^\/signin/);
  });

  it('says at start-up that the clock is moved', () => {
    expect(servers.afterTheEvent.output()).toContain(`the portal's "now" started at ${daysFromToday(40).toISOString()} (WHATSON_CLOCK)`);
  });
});
