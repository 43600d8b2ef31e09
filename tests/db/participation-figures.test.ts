// Participation figures checked against a seeded set of registrations and
// written input, on both databases.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { computeParticipationFigures } from '../../src/server/admin/participation-figures';
import { figuresCsv } from '../../src/server/admin/figures-csv';
import { regionOf } from '../../src/server/admin/m49-regions';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent, TOPIC_TITLES } from '../support/event-fixtures';
import { createMember } from '../support/members';
import { insertPublishedInput } from '../support/published-input';
import { seedOrganisation, seedRegistration } from '../support/workspace-seeds';
import type { RegistrationState } from '../../src/server/db/schema';

const NOW = new Date('2027-08-01T09:00:00Z');
const held = portalEvent('2027-04-firearms', { title: 'Firearms dialogue', topics: ['firearms'], start: '2027-04-10T10:00', end: '2027-04-10T18:00' });
const coming = portalEvent('2027-09-trafficking', { title: 'Trafficking briefing', topics: ['trafficking-in-persons'], start: '2027-09-01T10:00', end: '2027-09-01T12:00' }, 'events');
const before = portalEvent('2026-11-firearms', { title: 'Earlier dialogue', topics: ['firearms'], start: '2026-11-10T10:00', end: '2026-11-10T18:00' });
const EVENTS = [held, coming, before];
const COLLECTIONS = { events: 'Event', 'side-events': 'Side event', dialogues: 'Constructive dialogue' };

const tally = (organisations: number, people: number) => ({ organisations, people });

describe.each(DIALECTS)('participation figures on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  async function seed() {
    const kenya = await seedOrganisation(handle.db, { name: 'Nairobi NGO', type: 'ngo', country: 'KE', ecosoc: 'special' });
    const austria = await seedOrganisation(handle.db, { name: 'Vienna Institute', type: 'academia', country: 'AT', ecosoc: 'none' });
    const brazil = await seedOrganisation(handle.db, { name: 'Rio Network', type: 'ngo', country: 'BR', ecosoc: 'general' });
    const [p1, p2] = [await createMember(handle.db, kenya), await createMember(handle.db, kenya)];
    const p3 = await createMember(handle.db, austria);
    const [p4, p5] = [await createMember(handle.db, brazil), await createMember(handle.db, brazil)];
    const p6 = await createMember(handle.db, austria);
    const register = (event: typeof held, person: SessionUser, organisationId: string, state: RegistrationState) => seedRegistration(handle.db, { eventKey: `${event.collection}/${event.slug}`, person, organisationId, state });
    await register(held, p1, kenya, 'approved');
    await register(held, p2, kenya, 'pending');
    await register(held, p3, austria, 'approved');
    await register(held, p4, brazil, 'rejected');
    await register(coming, p1, kenya, 'approved');
    await register(coming, p5, brazil, 'approved');
    await register(before, p6, austria, 'approved');
    const call = 'dialogues/2027-04-firearms';
    await insertPublishedInput(handle.db, { organisationId: kenya, authorId: p1.id, callKey: call, publishedAt: '2027-03-01T09:00:00.000Z' });
    await insertPublishedInput(handle.db, { organisationId: kenya, authorId: p1.id, callKey: null, publishedAt: '2026-12-01T09:00:00.000Z' });
    await handle.db.updateTable('submissions').set({ submitted_at: '2027-02-01T09:00:00.000Z' }).where('call_event_key', '=', call).execute();
    await insertPublishedInput(handle.db, { organisationId: austria, authorId: p3.id, callKey: call, publishedAt: '2027-03-02T09:00:00.000Z' });
    await handle.db.updateTable('submissions').set({ state: 'submitted', published_at: null }).where('author_id', '=', p3.id).execute();
  }

  const figuresFor = (params: Record<string, string>) =>
    computeParticipationFigures(handle.db, secretariat, new URLSearchParams(params), { events: EVENTS, topicTitles: TOPIC_TITLES, collectionNames: COLLECTIONS, now: NOW });

  it('counts organisations and people who applied, were approved and took part (approved places where attendance was not recorded, flagged), per event and in total', async () => {
    await seed();
    const figures = await figuresFor({ from: '2027-01-01', to: '2027-12-31' });
    if (!figures.ok) throw new Error(figures.code);
    expect(figures.value.groups).toEqual([
      { key: 'dialogues/2027-04-firearms', label: 'Firearms dialogue', applied: tally(3, 4), approved: tally(2, 2), tookPart: tally(2, 2), attendanceNotRecorded: 1 },
      { key: 'events/2027-09-trafficking', label: 'Trafficking briefing', applied: tally(2, 2), approved: tally(2, 2), tookPart: tally(0, 0), attendanceNotRecorded: 0 },
    ]);
    expect(figures.value.total).toMatchObject({ applied: tally(3, 5), approved: tally(3, 3), tookPart: tally(2, 2) });
  });

  it('breaks them down by M49 region, country, kind of organisation and ECOSOC status', async () => {
    await seed();
    const figures = await figuresFor({ from: '2027-01-01', to: '2027-12-31' });
    if (!figures.ok) throw new Error(figures.code);
    const pick = (rows: typeof figures.value.byRegion) => Object.fromEntries(rows.map((row) => [row.key, [row.applied, row.approved, row.tookPart]]));
    expect(pick(figures.value.byRegion)).toEqual({
      africa: [tally(1, 2), tally(1, 1), tally(1, 1)],
      americas: [tally(1, 2), tally(1, 1), tally(0, 0)],
      europe: [tally(1, 1), tally(1, 1), tally(1, 1)],
    });
    expect(pick(figures.value.byCountry)).toEqual({ KE: [tally(1, 2), tally(1, 1), tally(1, 1)], BR: [tally(1, 2), tally(1, 1), tally(0, 0)], AT: [tally(1, 1), tally(1, 1), tally(1, 1)] });
    expect(pick(figures.value.byType)).toEqual({ ngo: [tally(2, 4), tally(2, 2), tally(1, 1)], academia: [tally(1, 1), tally(1, 1), tally(1, 1)] });
    expect(pick(figures.value.byEcosoc)).toEqual({ special: [tally(1, 2), tally(1, 1), tally(1, 1)], general: [tally(1, 2), tally(1, 1), tally(0, 0)], none: [tally(1, 1), tally(1, 1), tally(1, 1)] });
  });

  it('groups by topic and by kind of event, and counts written input received and published per call in the period', async () => {
    await seed();
    const byTopic = await figuresFor({ from: '2027-01-01', to: '2027-12-31', by: 'topic' });
    expect(byTopic.ok && byTopic.value.groups.map((row) => [row.label, row.applied.people])).toEqual([['Firearms', 4], ['Trafficking in persons', 2]]);
    const byKind = await figuresFor({ from: '2027-01-01', to: '2027-12-31', by: 'collection' });
    expect(byKind.ok && byKind.value.groups.map((row) => [row.label, row.applied.people])).toEqual([['Constructive dialogue', 4], ['Event', 2]]);
    expect(byKind.ok && byKind.value.input).toEqual([{ callKey: 'dialogues/2027-04-firearms', label: 'Firearms dialogue', received: 2, published: 1 }]);
    const earlier = await figuresFor({ from: '2026-11-01', to: '2026-12-31' });
    expect(earlier.ok && [earlier.value.groups.map((row) => row.label), earlier.value.input]).toEqual([['Earlier dialogue'], [{ callKey: '', label: '', received: 1, published: 1 }]]);
  });

  it('writes every table to CSV, and explains a bad period next to its field', async () => {
    await seed();
    const figures = await figuresFor({ from: '2027-01-01', to: '2027-12-31' });
    if (!figures.ok) throw new Error(figures.code);
    const csv = figuresCsv(figures.value, [{ name: 'per event', rows: figures.value.groups, label: (row) => row.label }], (_key, label) => label || 'no call');
    expect(csv.split('\r\n')).toEqual(
      expect.arrayContaining(['per event,Firearms dialogue,dialogues/2027-04-firearms,3,4,2,2,2,2,not recorded,1', 'written input,Firearms dialogue,dialogues/2027-04-firearms,2,1']),
    );
    const bad = await figuresFor({ from: '2027-13-01', to: '2027-01-01', by: 'week' });
    expect(bad.ok && bad.value.issues).toEqual({ from: 'Enter a date as YYYY-MM-DD, such as 2027-01-01.', by: 'Choose event, topic or kind of event.' });
    expect(await computeParticipationFigures(handle.db, await createMember(handle.db, null), new URLSearchParams(), { events: EVENTS, topicTitles: TOPIC_TITLES, collectionNames: COLLECTIONS, now: NOW })).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('M49 regions', () => {
  it('places countries in their M49 region and leaves Antarctica out', () => {
    expect([regionOf('KE'), regionOf('br'), regionOf('AT'), regionOf('CN'), regionOf('FJ'), regionOf('AQ')]).toEqual(['africa', 'americas', 'europe', 'asia', 'oceania', undefined]);
  });
});
