// Who can take part, as the home page, the event page's box and the forms ask
// it before anything is typed, on every database dialect: the next step by
// accreditation state, why someone cannot apply (window, accreditation,
// eligibility, full without waitlist) and why someone cannot write input.
import { describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema';
import { describeNextStep } from '../../src/server/accounts/next-step';
import { applicationRefusal, describeRegistrationPanel } from '../../src/server/registrations/registration-panel';
import { applyForEvent, FULL_WITHOUT_WAITLIST, NOT_ELIGIBLE } from '../../src/server/registrations/apply';
import { describeCallPanel, CALL_CLOSED, CALL_NOT_OPEN_YET } from '../../src/server/submissions/call-panel';
import { PERMISSION_MESSAGES } from '../../src/server/auth/permissions';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { createMember, createOrganisation } from '../support/members';
import { portalEvent } from '../support/event-fixtures';
import { useTemporaryOutbox } from '../support/outbox';

useTemporaryOutbox();

const now = new Date('2026-12-01T12:00:00Z');
const open = portalEvent('open', {
  start: '2027-03-10T10:00',
  end: '2027-03-10T18:00',
  format: 'in-person',
  registration: { mode: 'open', closes: '2027-02-01T23:59', capacityInPerson: 1, waitlist: false, eligibleTypes: ['ngo'] },
});

describe.each(DIALECTS)('participation rules on %s', (dialect) => {
  let db: Kysely<Database>;
  useMigratedDatabase(dialect, (handle) => {
    db = handle.db;
  });

  it('gives each visitor the next step of the three', async () => {
    expect(await describeNextStep(db, null)).toEqual({ step: 'signed-out', reached: 0 });
    expect(await describeNextStep(db, await createMember(db, await createOrganisation(db, { accreditation: 'pending' })))).toEqual({ step: 'pending', reached: 1 });
    expect(await describeNextStep(db, await createMember(db, await createOrganisation(db, { accreditation: 'rejected' })))).toEqual({ step: 'rejected', reached: 1 });
    expect(await describeNextStep(db, await createMember(db, await createOrganisation(db)))).toEqual({ step: 'accredited', reached: 3 });
    expect(await describeNextStep(db, await createMember(db, null, 'secretariat'))).toEqual({ step: 'secretariat', reached: 3 });
    const unconfirmed = { ...(await createMember(db, await createOrganisation(db))), emailVerified: false };
    expect(await describeNextStep(db, unconfirmed)).toEqual({ step: 'unconfirmed', reached: 0 });
  });

  it('says why someone cannot apply with the same words the application itself is refused with', async () => {
    const pending = await createMember(db, await createOrganisation(db, { accreditation: 'pending' }));
    const other = await createMember(db, await createOrganisation(db, { type: 'academia' }));
    const secretariat = await createMember(db, null, 'secretariat');
    expect(await applicationRefusal(db, null, open, now)).toBe('sign-in');
    expect(await applicationRefusal(db, pending, open, now)).toBe(PERMISSION_MESSAGES.pending);
    expect(await applicationRefusal(db, secretariat, open, now)).toBe(PERMISSION_MESSAGES.noOrganisation);
    expect(await applicationRefusal(db, other, open, now)).toBe(NOT_ELIGIBLE);
    expect(await applyForEvent(db, other, open, { mode: 'in-person' }, now)).toEqual({ ok: false, code: 'forbidden', message: NOT_ELIGIBLE });
    expect(await applicationRefusal(db, pending, open, new Date('2027-02-02T00:00:00Z'))).toBe('Applications are closed.');
  });

  it('tells the next applicant when the only place is taken and there is no waitlist, and lets the first apply', async () => {
    const first = await createMember(db, await createOrganisation(db));
    const second = await createMember(db, await createOrganisation(db));
    expect(await describeRegistrationPanel(db, first, open, now)).toEqual({ kind: 'can-apply' });
    expect((await applyForEvent(db, first, open, { mode: 'in-person' }, now)).ok).toBe(true);
    expect(await describeRegistrationPanel(db, first, open, now)).toMatchObject({ kind: 'registered', state: 'approved' });
    expect(await describeRegistrationPanel(db, second, open, now)).toEqual({ kind: 'cannot-apply', why: FULL_WITHOUT_WAITLIST });
  });

  it('offers writing input to a call only while it is open, and only to members of accredited organisations', async () => {
    const call = { opens: new Date('2026-11-01T00:00:00Z'), closes: new Date('2027-01-01T00:00:00Z') };
    const member = await createMember(db, await createOrganisation(db));
    expect(await describeCallPanel(db, member, call, now)).toEqual({ kind: 'can-write' });
    expect(await describeCallPanel(db, null, call, now)).toEqual({ kind: 'sign-in' });
    expect(await describeCallPanel(db, await createMember(db, null, 'secretariat'), call, now)).toEqual({ kind: 'cannot-write', why: PERMISSION_MESSAGES.noOrganisation });
    expect(await describeCallPanel(db, member, call, new Date('2026-10-01T00:00:00Z'))).toEqual({ kind: 'cannot-write', why: CALL_NOT_OPEN_YET });
    expect(await describeCallPanel(db, member, call, call.closes)).toEqual({ kind: 'cannot-write', why: CALL_CLOSED });
  });
});
