// The rules of applying for events, on both databases.
import type { OrganisationType } from '../../src/server/organisations/organisation-schema';
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { applyForEvent, FULL_WITHOUT_WAITLIST, NOT_ELIGIBLE } from '../../src/server/registrations/apply';
import { describeRegistrationPanel } from '../../src/server/registrations/registration-panel';
import { withdrawRegistration } from '../../src/server/registrations/withdraw';
import { eventKey } from '../../src/server/registrations/application-window';
import type { EventEntryData, PortalEvent } from '../../src/server/events/portal-event';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { databaseFaultOf } from '../../src/server/db/faults';
import { portalEvent } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import ICAL from 'ical.js';
import { calendarAttachments, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { saying } from '../support/messages-in-english';

const outbox = useTemporaryOutbox();

const NOW = new Date('2027-05-01T12:00:00Z');

function eventWith(registration: Partial<NonNullable<EventEntryData['registration']>>, overrides: Partial<EventEntryData> = {}): PortalEvent {
  return portalEvent('2027-07-trafficking-in-persons', {
    start: '2027-07-06T10:00',
    end: '2027-07-06T18:00',
    registration: {
      mode: 'open',
      opens: '2027-04-01T00:00',
      closes: '2027-06-15T23:59',
      capacityInPerson: 2,
      capacityOnline: 100,
      maxPerOrganisation: 2,
      waitlist: true,
      eligibleTypes: ['ngo', 'academia'],
      ...registration,
    },
    ...overrides,
  });
}

describe.each(DIALECTS)('applying for events on %s', (dialect) => {
  let handle: DatabaseHandle;

  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  async function accreditedPerson(type: OrganisationType = 'ngo') {
    return createMember(handle.db, await createOrganisation(handle.db, { type }));
  }

  async function stateOf(registrationId: string) {
    return (await handle.db.selectFrom('registrations').select('state').where('id', '=', registrationId).executeTakeFirstOrThrow()).state;
  }

  it('approves at once while seats last, for an open event', async () => {
    const result = await applyForEvent(handle.db, await accreditedPerson(), eventWith({}), { mode: 'in-person' }, NOW);
    expect(result).toMatchObject({ ok: true, value: { state: 'approved', created: true } });
  });

  it('leaves an application pending for a reviewed event, and asks for a statement of expertise', async () => {
    const event = eventWith({ mode: 'reviewed' });
    const person = await accreditedPerson();
    expect(await applyForEvent(handle.db, person, event, { mode: 'online' }, NOW)).toMatchObject({ ok: false, code: 'invalid', issues: { statement: saying('expertise') } });
    const result = await applyForEvent(handle.db, person, event, { mode: 'online', statement: 'Ten years of survivor-led work on trafficking cases.' }, NOW);
    expect(result).toMatchObject({ ok: true, value: { state: 'pending' } });
  });

  it('waitlists with a position when the mode is full, and keeps the other mode open', async () => {
    const event = eventWith({});
    for (let index = 0; index < 2; index++) await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'in-person' }, NOW);
    const third = await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'in-person' }, NOW);
    const fourth = await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'in-person' }, NOW);
    expect(third).toMatchObject({ ok: true, value: { state: 'waitlisted', position: 1 } });
    expect(fourth).toMatchObject({ ok: true, value: { state: 'waitlisted', position: 2 } });
    expect(await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'online' }, NOW)).toMatchObject({ ok: true, value: { state: 'approved' } });
  });

  it('refuses when full and the event has no waitlist', async () => {
    const event = eventWith({ waitlist: false, capacityInPerson: 1 });
    await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'in-person' }, NOW);
    expect(await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'in-person' }, NOW)).toMatchObject({ ok: false, code: 'conflict', message: saying('no waitlist') });
  });

  it('holds an organisation to its maximum, waitlisting its next representative', async () => {
    const event = eventWith({ capacityInPerson: 10, maxPerOrganisation: 2 });
    const organisationId = await createOrganisation(handle.db);
    const states = [];
    for (let index = 0; index < 3; index++) {
      const result = await applyForEvent(handle.db, await createMember(handle.db, organisationId), event, { mode: 'in-person' }, NOW);
      states.push(result.ok && result.value.state);
    }
    expect(states).toEqual(['approved', 'approved', 'waitlisted']);
  });

  it('answers a repeated submit with the same registration and no second row', async () => {
    const person = await accreditedPerson();
    const event = eventWith({});
    const first = await applyForEvent(handle.db, person, event, { mode: 'in-person' }, NOW);
    const again = await applyForEvent(handle.db, person, event, { mode: 'online' }, NOW);
    expect(again).toEqual({ ok: true, value: { ...(first.ok && first.value), created: false } });
    expect(await handle.db.selectFrom('registrations').select('id').execute()).toHaveLength(1);
  });

  it('keeps one active registration per person per event even against a direct insert', async () => {
    const person = await accreditedPerson();
    const event = eventWith({});
    const first = await applyForEvent(handle.db, person, event, { mode: 'in-person' }, NOW);
    const row = await handle.db.selectFrom('registrations').selectAll().where('id', '=', first.ok ? first.value.registrationId : '').executeTakeFirstOrThrow();
    await expect(handle.db.insertInto('registrations').values({ ...row, id: 'duplicate', queue_number: 99 }).execute()).rejects.toThrow(/unique/i);
  });

  it('says plainly why someone cannot apply', async () => {
    const event = eventWith({});
    expect(await applyForEvent(handle.db, null, event, { mode: 'in-person' }, NOW)).toMatchObject({ code: 'forbidden', message: saying('Sign in') });
    const pending = await createMember(handle.db, await createOrganisation(handle.db, { accreditation: 'pending' }));
    expect(await applyForEvent(handle.db, pending, event, { mode: 'in-person' }, NOW)).toMatchObject({ code: 'forbidden', message: saying('waiting for accreditation') });
    expect(await applyForEvent(handle.db, await accreditedPerson('private-sector'), event, { mode: 'in-person' }, NOW)).toMatchObject({ code: 'forbidden', message: saying('not open to your kind of organisation') });
    const person = await accreditedPerson();
    expect(await applyForEvent(handle.db, person, event, { mode: 'in-person' }, new Date('2027-03-01T00:00:00Z'))).toMatchObject({ code: 'forbidden', message: 'Applications are not open yet.' });
    expect(await applyForEvent(handle.db, person, event, { mode: 'in-person' }, new Date('2027-06-16T00:00:00Z'))).toMatchObject({ code: 'forbidden', message: 'Applications are closed.' });
    expect(await applyForEvent(handle.db, person, eventWith({}, { status: 'cancelled' }), { mode: 'in-person' }, NOW)).toMatchObject({ code: 'forbidden', message: 'This event has been cancelled.' });
    expect(await applyForEvent(handle.db, person, eventWith({}, { format: 'online', venue: undefined }), { mode: 'in-person' }, NOW)).toMatchObject({ code: 'invalid', issues: { mode: 'This event is not offered that way.' } });
  });

  it('closes applications at 23:59 venue time on the deadline day', async () => {
    const person = await accreditedPerson();
    // 2027-06-15 23:59 in Vienna is 21:59 UTC.
    expect(await applyForEvent(handle.db, person, eventWith({}), { mode: 'online' }, new Date('2027-06-15T21:58:00Z'))).toMatchObject({ ok: true });
    expect(await applyForEvent(handle.db, await accreditedPerson(), eventWith({}), { mode: 'online' }, new Date('2027-06-15T21:59:00Z'))).toMatchObject({ code: 'forbidden' });
  });

  it('promotes the first waitlisted person when a seat is freed, and emails them', async () => {
    const event = eventWith({});
    const holder = await accreditedPerson();
    const held = await applyForEvent(handle.db, holder, event, { mode: 'in-person' }, NOW);
    await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'in-person' }, NOW);
    const firstInLine = await accreditedPerson();
    const waiting = await applyForEvent(handle.db, firstInLine, event, { mode: 'in-person' }, NOW);
    const second = await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'in-person' }, NOW);

    const withdrawn = await withdrawRegistration(handle.db, holder, held.ok ? held.value.registrationId : '', () => event, NOW);
    expect(withdrawn).toMatchObject({ ok: true, value: { promoted: [waiting.ok && waiting.value.registrationId] } });
    expect(await stateOf(waiting.ok ? waiting.value.registrationId : '')).toBe('approved');
    expect(await stateOf(second.ok ? second.value.registrationId : '')).toBe('waitlisted');
    const mails = (await waitForMail(outbox, (message) => message.to === firstInLine.email, 2)).map((message) => message.subject);
    expect(mails).toEqual([expect.stringContaining('You are on the waitlist'), expect.stringContaining('A place became free')]);
  });

  it('skips waitlisted people whose organisation is at its maximum when promoting', async () => {
    const event = eventWith({ capacityInPerson: 3, maxPerOrganisation: 2 });
    const busy = await createOrganisation(handle.db);
    const a = await applyForEvent(handle.db, await createMember(handle.db, busy), event, { mode: 'in-person' }, NOW);
    await applyForEvent(handle.db, await createMember(handle.db, busy), event, { mode: 'in-person' }, NOW);
    const other = await accreditedPerson();
    const otherHeld = await applyForEvent(handle.db, other, event, { mode: 'in-person' }, NOW);
    const busyThird = await applyForEvent(handle.db, await createMember(handle.db, busy), event, { mode: 'in-person' }, NOW);
    const outsider = await applyForEvent(handle.db, await accreditedPerson(), event, { mode: 'in-person' }, NOW);
    expect(busyThird).toMatchObject({ ok: true, value: { state: 'waitlisted', position: 1 } });

    await withdrawRegistration(handle.db, other, otherHeld.ok ? otherHeld.value.registrationId : '', () => event, NOW);
    expect(await stateOf(busyThird.ok ? busyThird.value.registrationId : '')).toBe('waitlisted');
    expect(await stateOf(outsider.ok ? outsider.value.registrationId : '')).toBe('approved');
    expect(a.ok).toBe(true);
  });

  it('lets the focal point withdraw a colleague’s registration, and nobody else', async () => {
    const organisationId = await createOrganisation(handle.db);
    const focal = await createMember(handle.db, organisationId, 'focal-point');
    const colleague = await createMember(handle.db, organisationId);
    const stranger = await accreditedPerson();
    const event = eventWith({});
    const registration = await applyForEvent(handle.db, colleague, event, { mode: 'online' }, NOW);
    const id = registration.ok ? registration.value.registrationId : '';
    expect(await withdrawRegistration(handle.db, stranger, id, () => event, NOW)).toMatchObject({ code: 'not_found' });
    expect(await withdrawRegistration(handle.db, focal, id, () => event, NOW)).toMatchObject({ ok: true });
    expect(await stateOf(id)).toBe('withdrawn');
    expect(await withdrawRegistration(handle.db, colleague, id, () => event, NOW)).toMatchObject({ code: 'conflict' });
  });

  it('never overbooks under 200 concurrent applications from 120 organisations', async () => {
    const event = eventWith({ capacityInPerson: 50, maxPerOrganisation: 2 });
    const organisations = await Promise.all(Array.from({ length: 120 }, () => createOrganisation(handle.db)));
    const people = await Promise.all(Array.from({ length: 200 }, (_, index) => createMember(handle.db, organisations[index % 120]!)));
    // 200 transactions queue for a pool of 10 behind one event's lock: on a starved machine a
    // checkout can wait past the pool's limit, which the portal answers with 503 before anything
    // is written. Such a visitor tries again; any other failure fails the test.
    const applyUntilAdmitted = async (person: Awaited<ReturnType<typeof createMember>>): ReturnType<typeof applyForEvent> => {
      try {
        return await applyForEvent(handle.db, person, event, { mode: 'in-person' }, NOW);
      } catch (error) {
        if (databaseFaultOf(error) !== 'pool exhausted') throw error;
        return applyUntilAdmitted(person);
      }
    };
    const results = await Promise.all(people.map(applyUntilAdmitted));
    expect(results.every((result) => result.ok)).toBe(true);

    const rows = await handle.db.selectFrom('registrations').select(['state', 'organisation_id', 'queue_number']).where('event_key', '=', eventKey(event)).execute();
    expect(rows.filter((row) => row.state === 'approved')).toHaveLength(50);
    expect(rows.filter((row) => row.state === 'waitlisted')).toHaveLength(150);
    const perOrganisation = new Map<string, number>();
    for (const row of rows.filter((r) => r.state === 'approved')) perOrganisation.set(row.organisation_id, (perOrganisation.get(row.organisation_id) ?? 0) + 1);
    expect(Math.max(...perOrganisation.values())).toBeLessThanOrEqual(2);
    // Queue numbers are unique and gap-free: the waitlist order is consistent.
    expect(new Set(rows.map((row) => row.queue_number)).size).toBe(200);
    expect(Math.max(...rows.map((row) => row.queue_number))).toBe(200);
  }, 60_000);
});

describe.each(DIALECTS)('what the event page says about applying, on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  it('tells each person plainly whether and why they cannot apply', async () => {
    const event = eventWith({ waitlist: false, capacityInPerson: 1, capacityOnline: 1 });
    const accredited = await createMember(handle.db, await createOrganisation(handle.db));
    expect(await describeRegistrationPanel(handle.db, null, event, NOW)).toEqual({ kind: 'sign-in' });
    expect(await describeRegistrationPanel(handle.db, accredited, event, NOW)).toEqual({ kind: 'can-apply' });
    expect(await describeRegistrationPanel(handle.db, accredited, event, new Date('2027-03-01T00:00:00Z'))).toEqual({ kind: 'cannot-apply', why: 'Applications are not open yet.' });
    const company = await createMember(handle.db, await createOrganisation(handle.db, { type: 'private-sector' }));
    expect(await describeRegistrationPanel(handle.db, company, event, NOW)).toEqual({ kind: 'cannot-apply', why: NOT_ELIGIBLE });
    const pending = await createMember(handle.db, await createOrganisation(handle.db, { accreditation: 'pending' }));
    expect(await describeRegistrationPanel(handle.db, pending, event, NOW)).toMatchObject({ kind: 'cannot-apply', why: saying('waiting for accreditation') });

    await applyForEvent(handle.db, accredited, event, { mode: 'in-person' }, NOW);
    expect(await describeRegistrationPanel(handle.db, accredited, event, NOW)).toMatchObject({ kind: 'registered', state: 'approved' });
    await applyForEvent(handle.db, await createMember(handle.db, await createOrganisation(handle.db)), event, { mode: 'online' }, NOW);
    const late = await createMember(handle.db, await createOrganisation(handle.db));
    expect(await describeRegistrationPanel(handle.db, late, event, NOW)).toEqual({ kind: 'cannot-apply', why: FULL_WITHOUT_WAITLIST });
  });
});

describe.each(DIALECTS)('calendar invitations in registration emails on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  function parse(ics: string) {
    const calendar = new ICAL.Component(ICAL.parse(ics));
    const vevent = calendar.getFirstSubcomponent('vevent')!;
    return {
      method: calendar.getFirstPropertyValue('method'),
      uid: vevent.getFirstPropertyValue('uid'),
      sequence: vevent.getFirstPropertyValue('sequence'),
      status: vevent.getFirstPropertyValue('status'),
      start: new ICAL.Event(vevent).startDate,
      timezones: calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')),
    };
  }

  it('sends the event as METHOD:REQUEST on approval and METHOD:CANCEL with a higher sequence on withdrawal, same UID', async () => {
    const person = await createMember(handle.db, await createOrganisation(handle.db));
    const event = eventWith({});
    const applied = await applyForEvent(handle.db, person, event, { mode: 'in-person' }, NOW);
    await withdrawRegistration(handle.db, person, applied.ok ? applied.value.registrationId : '', () => event, NOW);

    const [approval, withdrawal] = await waitForMail(outbox, (message) => message.to === person.email, 2);
    const request = parse(calendarAttachments(approval!)[0]!);
    const cancel = parse(calendarAttachments(withdrawal!)[0]!);
    expect(request).toMatchObject({ method: 'REQUEST', uid: 'dialogues-2027-07-trafficking-in-persons@127.0.0.1', status: 'CONFIRMED', timezones: ['Europe/Vienna'] });
    expect(request.start.zone.tzid).toBe('Europe/Vienna');
    expect(request.start.toString()).toBe('2027-07-06T10:00:00');
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: request.uid, status: 'CANCELLED' });
    expect(Number(cancel.sequence)).toBeGreaterThan(Number(request.sequence));
  });

  it('sends no calendar object with a pending or waitlisted notice', async () => {
    const person = await createMember(handle.db, await createOrganisation(handle.db));
    await applyForEvent(handle.db, person, eventWith({ mode: 'reviewed' }), { mode: 'online', statement: 'Twenty years of work on this topic.' }, NOW);
    const [received] = await waitForMail(outbox, (message) => message.to === person.email);
    expect(calendarAttachments(received!)).toEqual([]);
  });
});
