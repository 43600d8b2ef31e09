// Issue 14, point 7, and the security note "Data": the data download holds
// everything stored about the person; accessibility and similar needs are the
// secretariat's alone and are erased a set number of days after the event.
// Events are our own (tests/support/event-fixtures.ts); every call gets `now`.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SubmissionState } from '../../src/server/db/schema';
import { DOWNLOAD_COVERAGE, exportPersonalData } from '../../src/server/accounts/data-download';
import { checkPassword } from '../../src/server/auth/password-attempts';
import { hitRateLimit, RATE_LIMITS } from '../../src/server/auth/rate-limits';
import { createSession } from '../../src/server/auth/sessions';
import { generateId, hashToken } from '../../src/server/auth/tokens';
import { recordDecision } from '../../src/server/audit/audit-log';
import { rotateCalendarToken } from '../../src/server/calendar/private-calendar';
import { enqueueMail } from '../../src/server/mail/outgoing-mail';
import { eraseExpiredHealthData, healthDataErasureDate } from '../../src/server/privacy/erase-health-data';
import { runPrivacyHousekeeping, startPrivacyHousekeeping } from '../../src/server/privacy/privacy-housekeeping';
import { listAccountRegistrations, listEventRegistrations } from '../../src/server/registrations/registration-lists';
import { registrationsCsv } from '../../src/server/registrations/csv-export';
import { eventKey } from '../../src/server/registrations/application-window';
import { createEvent, saveEvent } from '../../src/server/event-editor/save-event';
import { unpublishEvent } from '../../src/server/event-editor/unpublish-event';
import { editorValuesOf } from '../../src/server/event-editor/event-form';
import type { EditorContext } from '../../src/server/event-editor/stored-event-rows';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { frontMatter, portalEvent, TOPIC_SLUGS } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';

const NOW = new Date('2027-06-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
// Our own events: one that ended in March, one in May, one still to come.
const MARCH = portalEvent('2027-03-privacy-dialogue', { start: '2027-03-10T10:00', end: '2027-03-10T18:00', timezone: 'Europe/Vienna' });
const MAY = portalEvent('2027-05-privacy-dialogue', { start: '2027-05-20T09:00', end: '2027-05-20T17:00', timezone: 'Europe/Vienna' });
const AUTUMN = portalEvent('2027-10-privacy-dialogue', { start: '2027-10-05T09:00', end: '2027-10-05T17:00', timezone: 'Europe/Vienna' });
const EVENTS = [MARCH, MAY, AUTUMN];
const findEvent = (key: string) => EVENTS.find((event) => eventKey(event) === key);

describe.each(DIALECTS)('personal data on %s', (dialect) => {
  let handle: DatabaseHandle;
  let queue = 0;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  async function register(userId: string, organisationId: string, event: typeof MARCH, needs: string | null, statement: string | null = null) {
    const id = generateId();
    queue += 1;
    const stamp = new Date(NOW.getTime() - 60 * DAY).toISOString();
    await handle.db
      .insertInto('registrations')
      .values({ id, event_key: eventKey(event), user_id: userId, organisation_id: organisationId, mode: 'in-person', state: 'approved', queue_number: queue, statement, travel_support: 1, wants_to_speak: 0, accessibility_needs: needs, decision_reason: null, decided_by: null, decided_at: stamp, created_at: stamp, updated_at: stamp })
      .execute();
    return id;
  }

  async function write(authorId: string, organisationId: string, state: SubmissionState, title: string, attachment: string | null) {
    const id = generateId();
    const stamp = NOW.toISOString();
    await handle.db
      .insertInto('submissions')
      .values({
        id, organisation_id: organisationId, author_id: authorId, title, topics: '["firearms"]', call_event_key: eventKey(MARCH), body: `Body of ${title}`,
        answers: JSON.stringify([`Answer in ${title}`]), consent_to_publish: 1, state, secretariat_note: state === 'published' ? null : 'Please shorten it.',
        attachment_stored_name: attachment ? 'random-stored-name.pdf' : null, attachment_name: attachment, attachment_size: attachment ? 1234 : null,
        created_at: stamp, updated_at: stamp, submitted_at: stamp, decided_at: null, decided_by: null, published_at: state === 'published' ? stamp : null,
      })
      .execute();
    return id;
  }

  it('the data download holds everything stored about the person, and no secret and no one else’s data', async () => {
    const organisationId = await createOrganisation(handle.db, { name: 'Harbour Watch' });
    const person = await createMember(handle.db, organisationId, 'focal-point');
    const colleague = await createMember(handle.db, organisationId);
    const secretariat = await createMember(handle.db, null, 'secretariat');
    const registrationId = await register(person.id, organisationId, MAY, 'Step-free access; vegetarian meals', 'Ten years of shelter work.');
    await register(colleague.id, organisationId, MAY, 'Colleague needs a wheelchair space');
    await write(person.id, organisationId, 'draft', 'A draft on marking', 'evidence.pdf');
    await write(person.id, organisationId, 'published', 'Published input on tracing', null);
    await write(colleague.id, organisationId, 'draft', 'Colleague draft', null);
    await handle.db.insertInto('followed_topics').values({ user_id: person.id, topic: 'firearms', created_at: NOW.toISOString() }).execute();
    const feed = await rotateCalendarToken(handle.db, person, NOW);
    const session = await createSession(handle.db, person.id, NOW);
    const linkToken = 'abcdefghijklmnopqrstuvwxyz234567';
    await handle.db.insertInto('one_time_tokens').values({ id: hashToken(linkToken), user_id: person.id, purpose: 'reset-password', expires_at: NOW.toISOString(), used_at: null, created_at: NOW.toISOString() }).execute();
    await handle.db.transaction().execute((trx) => enqueueMail(trx, { to: person.email, subject: 'Your place is confirmed', text: 'secret link https://example.org/x?token=zzz' }));
    await handle.db.transaction().execute((trx) => recordDecision(trx, { actorUserId: secretariat.id, action: 'registration.approve', subjectType: 'registration', subjectId: registrationId, reason: 'Strong expertise' }, NOW));
    await checkPassword(handle.db, { account: person.email, clientAddress: '203.0.113.5', passwordHash: null, password: 'a guess', now: NOW }, async () => undefined);
    await hitRateLimit(handle.db, RATE_LIMITS.resetPerAccount, person.email, NOW);
    const invitation = (email: string) => ({ id: generateId(), organisation_id: organisationId, email, invited_by: person.id, expires_at: NOW.toISOString(), accepted_at: null, created_at: NOW.toISOString() });
    await handle.db.insertInto('invitations').values([invitation('invited.friend@example.org'), { ...invitation(person.email), invited_by: null, accepted_at: NOW.toISOString() }]).execute();
    await handle.db
      .insertInto('identity_changes')
      .values({ id: generateId(), organisation_id: organisationId, name: 'Harbour Watch International', acronym: 'HWI', type: 'ngo', country: 'KE', state: 'pending', requested_by: person.id, requested_at: NOW.toISOString(), decided_by: null, decided_at: null, reason: null })
      .execute();

    const result = await exportPersonalData(handle.db, person, { now: NOW, findEvent, retentionDays: 30 });
    if (!result.ok) throw new Error('the download was refused');
    const data = result.value as Record<string, any>;
    expect(data.person).toMatchObject({ email: person.email, name: person.name, role: 'focal-point' });
    expect(data.organisation).toMatchObject({ name: 'Harbour Watch', topics: ['firearms'], listed: true });
    expect(data.registrations).toEqual([
      expect.objectContaining({
        event: eventKey(MAY),
        eventTitle: MAY.title,
        statement: 'Ten years of shelter work.',
        travelSupport: true,
        wantsToSpeak: false,
        accessibilityNeeds: 'Step-free access; vegetarian meals',
        accessibilityNeedsErasedAfter: healthDataErasureDate(MAY.end, 30).toISOString(),
      }),
    ]);
    expect(data.writtenInput.map((input: Record<string, unknown>) => [input.title, input.state])).toEqual([
      ['A draft on marking', 'draft'],
      ['Published input on tracing', 'published'],
    ]);
    expect(data.writtenInput[0]).toMatchObject({ body: 'Body of A draft on marking', answers: ['Answer in A draft on marking'], attachment: { name: 'evidence.pdf', bytes: 1234 }, secretariatNote: 'Please shorten it.' });
    expect(data.followedTopics).toEqual([{ topic: 'firearms', since: NOW.toISOString(), digest: 'none' }]);
    expect(data.privateCalendarFeed).toEqual({ exists: true, createdAt: NOW.toISOString() });
    expect(data.sessions).toEqual([{ createdAt: NOW.toISOString(), lastActiveAround: NOW.toISOString(), expiresAt: session.expiresAt.toISOString() }]);
    expect(data.links).toEqual([{ purpose: 'reset-password', createdAt: NOW.toISOString(), expiresAt: NOW.toISOString(), usedAt: null }]);
    expect(data.emails).toEqual([expect.objectContaining({ subject: 'Your place is confirmed', state: 'pending' })]);
    expect(data.decisionsAboutYou).toEqual([{ at: NOW.toISOString(), action: 'registration.approve', subject: 'registration', reason: 'Strong expertise' }]);
    expect(data.invitations).toEqual({
      toYou: [{ createdAt: NOW.toISOString(), expiresAt: NOW.toISOString(), acceptedAt: NOW.toISOString() }],
      sentByYou: [{ createdAt: NOW.toISOString(), expiresAt: NOW.toISOString(), acceptedAt: null }],
    });
    expect(data.identityChangesRequested).toEqual([expect.objectContaining({ name: 'Harbour Watch International', acronym: 'HWI', country: 'KE', state: 'pending' })]);
    expect(data.limits.signInAttempts).toEqual({ attempts: 1, lastAttemptAt: NOW.toISOString() });
    expect(data.limits.requests).toEqual([{ counter: 'reset-account', windowStartedAt: NOW.toISOString(), hits: 1 }]);

    const text = JSON.stringify(data);
    for (const secret of [session.token, hashToken(session.token), feed.ok ? feed.value.token : 'none', linkToken, hashToken(linkToken), 'random-stored-name.pdf', 'token=zzz']) {
      expect(text).not.toContain(secret);
    }
    for (const someoneElse of ['Colleague needs a wheelchair space', 'Colleague draft', 'invited.friend@example.org']) expect(text).not.toContain(someoneElse);

    const secretariatData = await exportPersonalData(handle.db, secretariat, { now: NOW });
    expect(secretariatData.ok && (secretariatData.value as Record<string, any>).decisionsYouMade).toEqual([{ at: NOW.toISOString(), action: 'registration.approve', subject: `registration/${registrationId}` }]);
  });

  it('the data download says what it takes from every table', async () => {
    const tables = (await handle.db.introspection.getTables()).map((table) => table.name).filter((name) => name !== 'schema_migrations');
    expect(tables.sort()).toEqual(Object.keys(DOWNLOAD_COVERAGE).sort());
    expect(await exportPersonalData(handle.db, null, { now: NOW })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('health-adjacent requests are visible only to the secretariat', async () => {
    const organisationId = await createOrganisation(handle.db);
    const focal = await createMember(handle.db, organisationId, 'focal-point');
    const member = await createMember(handle.db, organisationId);
    const secretariat = await createMember(handle.db, null, 'secretariat');
    await register(member.id, organisationId, MAY, 'Insulin kept cold');
    // The focal point's list of the organisation's registrations says nothing of them …
    const listed = await listAccountRegistrations(handle.db, focal, findEvent);
    expect(listed.ok && listed.value).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain('Insulin');
    // … nor can a focal point or a representative open the event's list or its CSV.
    for (const actor of [focal, member, null]) expect((await listEventRegistrations(handle.db, actor, eventKey(MAY))).ok).toBe(false);
    const forSecretariat = await listEventRegistrations(handle.db, secretariat, eventKey(MAY));
    if (!forSecretariat.ok) throw new Error('the secretariat was refused');
    expect(registrationsCsv(forSecretariat.value.rows)).toContain('Insulin kept cold');
  });

  it('health-adjacent requests are erased after the retention period, and only then', async () => {
    const organisationId = await createOrganisation(handle.db);
    const member = await createMember(handle.db, organisationId);
    await register(member.id, organisationId, MARCH, 'Sign language interpreter', 'Statement stays.');
    await register(member.id, organisationId, MAY, 'Gluten-free meals');
    await register(member.id, organisationId, AUTUMN, 'Quiet room');
    const gone = await register(member.id, organisationId, portalEvent('2026-01-removed-event'), 'Needs of an event no longer published');
    const needs = async () =>
      Object.fromEntries((await handle.db.selectFrom('registrations').select(['event_key', 'accessibility_needs']).execute()).map((row) => [row.event_key, row.accessibility_needs]));

    const mayDue = healthDataErasureDate(MAY.end, 30);
    const dayBefore = await eraseExpiredHealthData(handle.db, { now: new Date(mayDue.getTime() - 1000), retentionDays: 30, endOf: (key) => findEvent(key)?.end });
    expect(dayBefore).toEqual({ erased: 1, unknownEvents: ['dialogues/2026-01-removed-event'] });
    expect(await needs()).toMatchObject({ [eventKey(MARCH)]: null, [eventKey(MAY)]: 'Gluten-free meals', [eventKey(AUTUMN)]: 'Quiet room' });

    const report = await runPrivacyHousekeeping(handle.db, { now: mayDue, retentionDays: 30, events: EVENTS });
    expect(report).toMatchObject({ erased: 1, unknownEvents: ['dialogues/2026-01-removed-event'] });
    expect(await needs()).toMatchObject({ [eventKey(MAY)]: null, [eventKey(AUTUMN)]: 'Quiet room' });
    // Idempotent: a second pass (another instance, or cron) erases nothing more.
    expect((await runPrivacyHousekeeping(handle.db, { now: mayDue, retentionDays: 30, events: EVENTS })).erased).toBe(0);
    // Only the needs go: the rest of the registration stays.
    const march = await handle.db.selectFrom('registrations').selectAll().where('event_key', '=', eventKey(MARCH)).executeTakeFirstOrThrow();
    expect(march).toMatchObject({ statement: 'Statement stays.', travel_support: 1, state: 'approved' });
    expect((await handle.db.selectFrom('registrations').select('accessibility_needs').where('id', '=', gone).executeTakeFirstOrThrow()).accessibility_needs).toBe('Needs of an event no longer published');
  });

  it('health-adjacent requests are erased after events that live only in the database too, and a stored version’s end wins over its file’s', async () => {
    const secretariat = await createMember(handle.db, null, 'secretariat');
    // The editor saw the MARCH file; the secretariat moved that event to the autumn in the browser.
    const context: EditorContext = { knownTopics: TOPIC_SLUGS, fileEvent: (collection, slug) => (collection === 'dialogues' && slug === MARCH.slug ? { data: frontMatter({ start: '2027-03-10T10:00', end: '2027-03-10T18:00' }), body: '' } : undefined), now: new Date('2027-02-01T12:00:00Z') };
    const publish = (slug: string, end: string) => ({ collection: 'dialogues', slug, action: 'publish', ...editorValuesOf(frontMatter({ title: `Stored ${slug}`, start: `${end.slice(0, 10)}T09:00`, end, workingGroup: 'firearms', illustrative: false }), 'Stored in the database.') });
    expect(await createEvent(handle.db, secretariat, publish('2027-04-stored-only', '2027-04-15T17:00'), context)).toMatchObject({ ok: true });
    expect(await createEvent(handle.db, secretariat, publish('2027-04-stored-then-unpublished', '2027-04-16T17:00'), context)).toMatchObject({ ok: true });
    expect(await unpublishEvent(handle.db, secretariat, 'dialogues', '2027-04-stored-then-unpublished', { reason: 'Merged into another session.' }, context)).toMatchObject({ ok: true });
    expect(await saveEvent(handle.db, secretariat, 'dialogues', MARCH.slug, { ...publish(MARCH.slug, '2027-10-20T17:00'), title: 'Moved to October' }, context)).toMatchObject({ ok: true });

    const organisationId = await createOrganisation(handle.db);
    const member = await createMember(handle.db, organisationId);
    const storedOnly = portalEvent('2027-04-stored-only', { end: '2027-04-15T17:00' });
    const unpublished = portalEvent('2027-04-stored-then-unpublished', { end: '2027-04-16T17:00' });
    await register(member.id, organisationId, storedOnly, 'Wheelchair space');
    await register(member.id, organisationId, unpublished, 'Hearing loop');
    await register(member.id, organisationId, MARCH, 'Halal meals');
    const needs = async () =>
      Object.fromEntries((await handle.db.selectFrom('registrations').select(['event_key', 'accessibility_needs']).execute()).map((row) => [row.event_key, row.accessibility_needs]));

    // The content files hold only MARCH (ended in March): the job must not go by the file's end.
    const files = [MARCH];
    const beforeDue = await runPrivacyHousekeeping(handle.db, { now: new Date(healthDataErasureDate(storedOnly.end, 30).getTime() - 1000), retentionDays: 30, events: files });
    expect(beforeDue).toMatchObject({ erased: 0, unknownEvents: [] });
    const afterApril = await runPrivacyHousekeeping(handle.db, { now: healthDataErasureDate(unpublished.end, 30), retentionDays: 30, events: files });
    expect(afterApril).toMatchObject({ erased: 2, unknownEvents: [] });
    expect(await needs()).toEqual({ [eventKey(storedOnly)]: null, [eventKey(unpublished)]: null, [eventKey(MARCH)]: 'Halal meals' });
    // The moved event is kept until 30 days after its stored October end.
    expect((await runPrivacyHousekeeping(handle.db, { now: new Date('2027-11-19T00:00:00Z'), retentionDays: 30, events: files })).erased).toBe(0);
    expect((await runPrivacyHousekeeping(handle.db, { now: new Date('2027-11-20T00:00:00Z'), retentionDays: 30, events: files })).erased).toBe(1);
    expect(await needs()).toMatchObject({ [eventKey(MARCH)]: null });
  });

  it('the erasure job runs by itself in each instance, retries a failed pass, and stops with the server', async () => {
    const organisationId = await createOrganisation(handle.db);
    const member = await createMember(handle.db, organisationId);
    await register(member.id, organisationId, MARCH, 'Braille programme');
    const log: string[] = [];
    let reads = 0;
    const job = startPrivacyHousekeeping(handle.db, {
      retentionDays: 30,
      now: () => NOW,
      firstPassAfterMs: 60_000,
      intervalMs: 60_000,
      log: (line) => log.push(line),
      readEvents: async () => {
        reads += 1;
        if (reads === 1) throw new Error('content folder not readable');
        return { events: EVENTS, problems: ['content/events/broken.md: title must not be empty'] };
      },
    });
    await job.runNow();
    expect(log.join('\n')).toContain('privacy housekeeping postponed: content folder not readable');
    expect((await handle.db.selectFrom('registrations').select('accessibility_needs').executeTakeFirstOrThrow()).accessibility_needs).toBe('Braille programme');
    await job.runNow();
    expect((await handle.db.selectFrom('registrations').select('accessibility_needs').executeTakeFirstOrThrow()).accessibility_needs).toBeNull();
    expect(log.join('\n')).toMatch(/skips content\/events\/broken\.md[\s\S]*erased the accessibility needs of 1 registration\(s\), 30 days after their event ended/);
    await job.stop();
  });
});
