// Who gets a freed place, what people are told about waiting, and what
// deleting an account does to its registrations, on both databases.
import { saying } from '../support/messages-in-english';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { applyForEvent, type Application } from '../../src/server/registrations/apply';
import { decideRegistrations } from '../../src/server/registrations/decide';
import { withdrawRegistration } from '../../src/server/registrations/withdraw';
import { describeRegistrationPanel } from '../../src/server/registrations/registration-panel';
import { listAccountRegistrations } from '../../src/server/registrations/registration-lists';
import { eventKey } from '../../src/server/registrations/application-window';
import { deleteAccount } from '../../src/server/accounts/personal-data';
import { privateFeedEntries, rotateCalendarToken, setTopicFollowed } from '../../src/server/calendar/private-calendar';
import { hashPassword } from '../../src/server/auth/passwords';
import type { SessionUser } from '../../src/server/auth/sessions';
import type { EventEntryData, PortalEvent } from '../../src/server/events/portal-event';
import type { Result } from '../../src/server/result';
import { en } from '../../src/i18n/en';
import { migrateToLatest } from '../../src/server/db/migrate';
import { migrations } from '../../db/migrations/index';
import { createTestDatabase, DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import { calendarAttachments, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { seatViolations } from '../support/seat-invariants';

const outbox = useTemporaryOutbox();

const NOW = new Date('2027-05-01T12:00:00Z');
const PASSWORD = 'correct horse battery staple';

function eventWith(slug: string, registration: Partial<NonNullable<EventEntryData['registration']>>): PortalEvent {
  return portalEvent(slug, {
    start: '2027-07-06T10:00',
    end: '2027-07-06T18:00',
    registration: {
      mode: 'open',
      opens: '2027-04-01T00:00',
      closes: '2027-06-15T23:59',
      capacityInPerson: 3,
      capacityOnline: 100,
      maxPerOrganisation: 2,
      waitlist: true,
      eligibleTypes: ['ngo', 'academia'],
      ...registration,
    },
  });
}

function id(result: Result<Application>): string {
  if (!result.ok) throw new Error(`the application failed: ${JSON.stringify(result)}`);
  return result.value.registrationId;
}

/** The emails to `person`, once `count` of them are delivered (each just after the call that queued it). */
function mailsTo(person: SessionUser, count: number) {
  return waitForMail(outbox, (message) => message.to === person.email, count);
}

describe.each(DIALECTS)('the waitlist on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  const stateOf = async (registrationId: string) => (await handle.db.selectFrom('registrations').select('state').where('id', '=', registrationId).executeTakeFirstOrThrow()).state;
  const person = async () => createMember(handle.db, await createOrganisation(handle.db));
  const limits = (event: PortalEvent) => ({
    capacity: { 'in-person': event.registration!.capacityInPerson, online: event.registration!.capacityOnline },
    maxPerOrganisation: event.registration!.maxPerOrganisation,
  });

  it('promotes someone held back only by their organisation’s maximum as soon as the organisation gives up a place in another mode', async () => {
    const event = eventWith('2027-07-quota', { capacityInPerson: 3 });
    const organisation = await createOrganisation(handle.db);
    const [onlineHolder, inPersonHolder, third] = [await createMember(handle.db, organisation), await createMember(handle.db, organisation), await createMember(handle.db, organisation)];
    const online = await applyForEvent(handle.db, onlineHolder, event, { mode: 'online' }, NOW);
    await applyForEvent(handle.db, inPersonHolder, event, { mode: 'in-person' }, NOW);
    const waiting = await applyForEvent(handle.db, third, event, { mode: 'in-person' }, NOW);
    expect(waiting).toMatchObject({ ok: true, value: { state: 'waitlisted', waitReason: 'organisation-limit' } });
    expect(waiting.ok && waiting.value.position).toBeUndefined();

    const withdrawn = await withdrawRegistration(handle.db, onlineHolder, id(online), (key) => (key === eventKey(event) ? event : undefined), NOW);
    expect(withdrawn).toMatchObject({ ok: true, value: { promoted: [id(waiting)] } });
    expect(await stateOf(id(waiting))).toBe('approved');
    // The last in-person place went to the earlier applicant, so a later one waits.
    expect(await applyForEvent(handle.db, await person(), event, { mode: 'in-person' }, NOW)).toMatchObject({ ok: true, value: { state: 'approved' } });
    expect(await applyForEvent(handle.db, await person(), event, { mode: 'in-person' }, NOW)).toMatchObject({ ok: true, value: { state: 'waitlisted', waitReason: 'places-taken', position: 1 } });
    expect(await seatViolations(handle.db, eventKey(event), limits(event))).toEqual([]);
  });

  it('gives a place that appeared (the capacity was raised) to the first in line, not to the next applicant', async () => {
    const before = eventWith('2027-07-raised', { capacityInPerson: 1 });
    const after = eventWith('2027-07-raised', { capacityInPerson: 2 });
    await applyForEvent(handle.db, await person(), before, { mode: 'in-person' }, NOW);
    const firstInLine = await person();
    const waiting = await applyForEvent(handle.db, firstInLine, before, { mode: 'in-person' }, NOW);
    expect(waiting).toMatchObject({ ok: true, value: { state: 'waitlisted', position: 1 } });

    const newcomer = await applyForEvent(handle.db, await person(), after, { mode: 'in-person' }, NOW);
    expect(newcomer).toMatchObject({ ok: true, value: { state: 'waitlisted', position: 1, waitReason: 'places-taken' } });
    expect(await stateOf(id(waiting))).toBe('approved');
    expect((await mailsTo(firstInLine, 2)).map((mail) => mail.subject)).toEqual([expect.stringContaining('You are on the waitlist'), expect.stringContaining('A place became free')]);
  });

  it('says why someone waits: their organisation’s maximum while places are free, or every place of their mode taken', async () => {
    const event = eventWith('2027-07-reasons', { capacityInPerson: 3 });
    const organisation = await createOrganisation(handle.db);
    await applyForEvent(handle.db, await createMember(handle.db, organisation), event, { mode: 'in-person' }, NOW);
    await applyForEvent(handle.db, await createMember(handle.db, organisation), event, { mode: 'in-person' }, NOW);
    const heldBack = await createMember(handle.db, organisation);
    await applyForEvent(handle.db, heldBack, event, { mode: 'in-person' }, NOW);
    const [quotaMail] = await mailsTo(heldBack, 1);
    expect(quotaMail!.raw).toContain('Places are still free, but your organisation already has its maximum of 2 places at this event');
    expect(quotaMail!.raw).not.toContain('places are taken');
    expect(await describeRegistrationPanel(handle.db, heldBack, event, NOW)).toEqual({ kind: 'registered', state: 'waitlisted', mode: 'in-person', reason: null, position: undefined, waitReason: 'organisation-limit' });
    const listed = await listAccountRegistrations(handle.db, heldBack, () => event);
    expect(listed).toMatchObject({ ok: true, value: [{ state: 'waitlisted', waitReason: 'organisation-limit', position: undefined }] });
    expect(en.registration.waitReason('organisation-limit', 'in-person', 2)).toBe('places are free, but your organisation has its maximum of 2 places');

    await applyForEvent(handle.db, await person(), event, { mode: 'in-person' }, NOW);
    const late = await person();
    await applyForEvent(handle.db, late, event, { mode: 'in-person' }, NOW);
    // Second in the in-person queue, behind the representative who arrived earlier.
    expect((await mailsTo(late, 1))[0]!.raw).toContain('All in-person places are taken for now, so you are on the waitlist at position 2');
    expect(await describeRegistrationPanel(handle.db, late, event, NOW)).toMatchObject({ position: 2, waitReason: 'places-taken' });
    expect(en.registration.waitReason('places-taken', 'in-person', 2)).toBe('every in-person place is taken');
    // Now both hold the representative back; the page and the list say so.
    expect(await describeRegistrationPanel(handle.db, heldBack, event, NOW)).toMatchObject({ position: 1, waitReason: 'places-taken-and-organisation-limit' });
  });

  it('refuses to waitlist an applicant a place is free for, and says why it waitlists one', async () => {
    const event = eventWith('2027-07-review', { mode: 'reviewed', capacityInPerson: 1 });
    const secretariat = await createMember(handle.db, null, 'secretariat');
    const statement = 'Twenty years of work against firearms trafficking.';
    const [first, second] = [await person(), await person()];
    const firstId = id(await applyForEvent(handle.db, first, event, { mode: 'in-person', statement }, NOW));
    const secondId = id(await applyForEvent(handle.db, second, event, { mode: 'in-person', statement }, NOW));

    expect(await decideRegistrations(handle.db, secretariat, event, { ids: [firstId], decision: 'waitlist' }, NOW)).toMatchObject({
      ok: true,
      value: { changed: 0, refused: [{ id: firstId, why: 'a in-person place is free for them: approve instead' }] },
    });
    expect(await decideRegistrations(handle.db, secretariat, event, { ids: [firstId], decision: 'approve' }, NOW)).toMatchObject({ ok: true, value: { changed: 1 } });
    expect(await decideRegistrations(handle.db, secretariat, event, { ids: [secondId], decision: 'waitlist' }, NOW)).toMatchObject({ ok: true, value: { changed: 1 } });
    expect((await mailsTo(second, 2)).at(-1)!.raw).toContain('All in-person places are taken for now, so you are on the waitlist at position 1');
    expect(await decideRegistrations(handle.db, secretariat, event, { ids: [secondId], decision: 'approve' }, NOW)).toMatchObject({
      ok: true,
      value: { changed: 0, refused: [{ id: secondId, why: 'no in-person place left' }] },
    });
  });

  it('gives a place freed by a rejection to the first waitlisted person, and sends each person one notice saying where they ended', async () => {
    const event = eventWith('2027-07-reject', { capacityInPerson: 1 });
    const secretariat = await createMember(handle.db, null, 'secretariat');
    const [holder, next, after] = [await person(), await person(), await person()];
    const holderId = id(await applyForEvent(handle.db, holder, event, { mode: 'in-person' }, NOW));
    const nextId = id(await applyForEvent(handle.db, next, event, { mode: 'in-person' }, NOW));
    const afterId = id(await applyForEvent(handle.db, after, event, { mode: 'in-person' }, NOW));

    // The holder and the first in line are turned down together: the first in
    // line is promoted by the first rejection, then rejected, and told only that.
    const decided = await decideRegistrations(handle.db, secretariat, event, { ids: [holderId, nextId], decision: 'reject', reason: 'Places go to practitioners.' }, NOW);
    expect(decided).toMatchObject({ ok: true, value: { changed: 2, refused: [], promoted: [afterId] } });
    expect([await stateOf(holderId), await stateOf(nextId), await stateOf(afterId)]).toEqual(['rejected', 'rejected', 'approved']);
    expect((await mailsTo(next, 2)).map((mail) => mail.subject)).toEqual([expect.stringContaining('You are on the waitlist'), expect.stringContaining('not approved')]);
    expect(calendarAttachments((await mailsTo(next, 2)).at(-1)!)).toEqual([]);
    expect(calendarAttachments((await mailsTo(holder, 2)).at(-1)!)[0]).toContain('METHOD:CANCEL');
    expect((await mailsTo(after, 2)).map((mail) => mail.subject)).toEqual([expect.stringContaining('You are on the waitlist'), expect.stringContaining('A place became free')]);
  });
});

describe.each(DIALECTS)('deleting an account with registrations on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  async function withPassword(user: SessionUser): Promise<SessionUser> {
    await handle.db.updateTable('users').set({ password_hash: await hashPassword(PASSWORD) }).where('id', '=', user.id).execute();
    return user;
  }

  const stateOf = async (registrationId: string) => (await handle.db.selectFrom('registrations').select('state').where('id', '=', registrationId).executeTakeFirstOrThrow()).state;
  const person = async () => createMember(handle.db, await createOrganisation(handle.db));

  it('withdraws the account’s registrations, gives its places to those waiting, and ends its private feed', async () => {
    const small = eventWith('2027-07-small', { capacityInPerson: 1 });
    const large = eventWith('2027-07-large', {});
    const events = [small, large];
    const findEvent = (key: string) => events.find((event) => eventKey(event) === key);
    const leaving = await withPassword(await person());
    const heldPlace = id(await applyForEvent(handle.db, leaving, small, { mode: 'in-person' }, NOW));
    const online = id(await applyForEvent(handle.db, leaving, large, { mode: 'online' }, NOW));
    const waiter = await person();
    const waiting = id(await applyForEvent(handle.db, waiter, small, { mode: 'in-person' }, NOW));
    const rotated = await rotateCalendarToken(handle.db, leaving, NOW);
    const token = rotated.ok ? rotated.value.token : '';
    await setTopicFollowed(handle.db, leaving, 'firearms', true, ['firearms'], NOW);
    expect((await privateFeedEntries(handle.db, token, events))?.entries).toHaveLength(2);

    expect(await deleteAccount(handle.db, leaving, { password: PASSWORD }, findEvent, NOW)).toEqual({ ok: true, value: { deleted: true, withdrawn: 2 } });
    expect([await stateOf(heldPlace), await stateOf(online), await stateOf(waiting)]).toEqual(['withdrawn', 'withdrawn', 'approved']);
    expect((await mailsTo(waiter, 2)).at(-1)!.subject).toContain('A place became free');
    expect(await privateFeedEntries(handle.db, token, events)).toBeUndefined();
    expect(await handle.db.selectFrom('calendar_tokens').select('user_id').where('user_id', '=', leaving.id).execute()).toEqual([]);
    expect(await handle.db.selectFrom('followed_topics').select('user_id').where('user_id', '=', leaving.id).execute()).toEqual([]);
    expect(await seatViolations(handle.db, eventKey(small), { capacity: { 'in-person': 1 }, maxPerOrganisation: 2 })).toEqual([]);
  });

  it('ends the private feed of an account deleted before deletion ended feeds', async () => {
    const event = eventWith('2027-07-old-deletion', {});
    const earlier = await person();
    const rotated = await rotateCalendarToken(handle.db, earlier, NOW);
    await handle.db.updateTable('users').set({ deleted_at: NOW.toISOString() }).where('id', '=', earlier.id).execute();
    expect(await privateFeedEntries(handle.db, rotated.ok ? rotated.value.token : '', [event])).toBeUndefined();
  });

  it('keeps the account and its registrations when a focal point must hand over first', async () => {
    const event = eventWith('2027-07-focal', {});
    const organisation = await createOrganisation(handle.db);
    const focal = await withPassword(await createMember(handle.db, organisation, 'focal-point'));
    await createMember(handle.db, organisation);
    const registration = id(await applyForEvent(handle.db, focal, event, { mode: 'in-person' }, NOW));
    expect(await deleteAccount(handle.db, focal, { password: PASSWORD }, () => event, NOW)).toMatchObject({ ok: false, code: 'conflict', message: saying('Hand the focal-point role') });
    expect(await stateOf(registration)).toBe('approved');
    expect(await handle.db.selectFrom('users').select(['name', 'deleted_at']).where('id', '=', focal.id).executeTakeFirstOrThrow()).toEqual({ name: focal.name, deleted_at: null });
  });

  it('leaves no registration of an account that kept applying while it was being deleted', async () => {
    const events = Array.from({ length: 60 }, (_, index) => eventWith(`2027-07-race-${index}`, { capacityInPerson: 1 }));
    const findEvent = (key: string) => events.find((event) => eventKey(event) === key);
    for (let round = 0; round < 3; round++) {
      const leaving = await withPassword(await person());
      let deleted = false;
      const deletion = deleteAccount(handle.db, leaving, { password: PASSWORD }, findEvent, NOW).finally(() => (deleted = true));
      // Applications keep arriving, one new event each, until the deletion is done.
      const applications: Promise<Result<Application>>[] = [];
      for (const event of events) {
        if (deleted) break;
        applications.push(applyForEvent(handle.db, leaving, event, { mode: 'in-person' }, NOW));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(await deletion).toMatchObject({ ok: true });
      for (const outcome of await Promise.all(applications)) if (!outcome.ok) expect(outcome).toMatchObject({ code: 'forbidden' });
      const live = await handle.db.selectFrom('registrations').select('state').where('user_id', '=', leaving.id).where('state', 'in', ['pending', 'approved', 'waitlisted']).execute();
      expect(live).toEqual([]);
      await handle.db.updateTable('registrations').set({ state: 'withdrawn' }).execute();
    }
  });
});

describe.each(DIALECTS)('the migration for accounts deleted earlier, on %s', (dialect) => {
  it('withdraws their live registrations and ends their private feeds, and leaves everyone else’s alone', async () => {
    const database = await createTestDatabase(dialect);
    const handle = database.open();
    try {
      const before = migrations.findIndex(([name]) => name === '2026-12-01-40-deleted-accounts-registrations');
      await migrateToLatest(handle, migrations.slice(0, before));
      const organisation = await createOrganisation(handle.db);
      const [gone, staying] = [await createMember(handle.db, organisation), await createMember(handle.db, organisation)];
      await handle.db.updateTable('users').set({ deleted_at: NOW.toISOString(), name: 'Deleted account' }).where('id', '=', gone.id).execute();
      const stamp = NOW.toISOString();
      const row = { event_key: 'dialogues/2027-07-old', organisation_id: organisation, mode: 'in-person', statement: null, travel_support: 0, wants_to_speak: 0, accessibility_needs: null, decision_reason: null, decided_by: null, decided_at: null, created_at: stamp, updated_at: stamp } as const;
      await handle.db.insertInto('registrations').values([
        { ...row, id: 'gone-approved', user_id: gone.id, state: 'approved', queue_number: 1 },
        { ...row, id: 'gone-rejected', user_id: gone.id, state: 'rejected', queue_number: 2, event_key: 'dialogues/2027-07-other' },
        { ...row, id: 'staying-waitlisted', user_id: staying.id, state: 'waitlisted', queue_number: 3 },
      ]).execute();
      await handle.db.insertInto('calendar_tokens').values([{ user_id: gone.id, token_hash: 'gone', created_at: stamp }, { user_id: staying.id, token_hash: 'staying', created_at: stamp }]).execute();

      expect(await migrateToLatest(handle)).toEqual(migrations.slice(before).map(([name]) => name));
      const states = await handle.db.selectFrom('registrations').select(['id', 'state']).orderBy('id').execute();
      expect(states).toEqual([
        { id: 'gone-approved', state: 'withdrawn' },
        { id: 'gone-rejected', state: 'rejected' },
        { id: 'staying-waitlisted', state: 'waitlisted' },
      ]);
      expect(await handle.db.selectFrom('calendar_tokens').select('token_hash').execute()).toEqual([{ token_hash: 'staying' }]);
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
