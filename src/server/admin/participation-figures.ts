// Participation figures for reporting to the Conference of the Parties: for a
// period (events starting in it, Vienna days), per event, topic or kind of
// event, the organisations and people who applied, were approved and took
// part, the same by organisation type, M49 region, country and ECOSOC status,
// and the written input received and published per call. "Took part" counts
// the attendance the secretariat recorded (src/server/registrations/attendance.ts);
// an approved registration at an ended event whose attendance was not recorded
// counts as taking part, and its event is counted in the row's
// `attendanceNotRecorded`, so the table and the CSV say the figure is not
// from recorded attendance.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { AttendanceState, Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';
import type { PortalEvent } from '../events/portal-event';
import { wallClockToInstant } from '../events/wall-clock';
import { eventKey } from '../registrations/application-window';
import { filterSearch, parseFilter } from '../organisations/organisation-filters';
import { success, type FieldIssues, type Result } from '../result';
import { regionOf } from './m49-regions';

export const FIGURES_ZONE = 'Europe/Vienna';
export const FIGURE_GROUPINGS = ['event', 'topic', 'collection'] as const;
export type FigureGrouping = (typeof FIGURE_GROUPINGS)[number];

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
/** A real calendar day (2027-02-30 is not): Date would roll it over, or fail on 2027-13-01. */
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const dayField = z.preprocess(blankAsUndefined, z.string().refine(isDay, 'Enter a date as YYYY-MM-DD, such as 2027-01-01.').optional());

export const figuresFilterSchema = z
  .object({
    from: dayField,
    to: dayField,
    by: z.preprocess(blankAsUndefined, z.enum(FIGURE_GROUPINGS, { error: 'Choose event, topic or kind of event.' }).default('event')),
  })
  .superRefine((value, ctx) => {
    if (value.from && value.to && value.to < value.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day comes on or after the first day.' });
  });

export interface FiguresFilter {
  from: string;
  to: string;
  by: FigureGrouping;
}

export function figuresSearch(filter: FiguresFilter): string {
  return filterSearch({ from: filter.from, to: filter.to, by: filter.by });
}

export interface Tally {
  organisations: number;
  people: number;
}

export interface FigureRow {
  key: string;
  label: string;
  applied: Tally;
  approved: Tally;
  tookPart: Tally;
  /** Events in this row where some approved registration has no attendance recorded: their approved places stand in for "took part". */
  attendanceNotRecorded: number;
}

export interface InputFigure {
  /** The call's event key; '' for input on a topic without a call. */
  callKey: string;
  label: string;
  received: number;
  published: number;
}

export interface ParticipationFigures {
  filter: FiguresFilter;
  issues: FieldIssues;
  groups: FigureRow[];
  total: FigureRow;
  byType: FigureRow[];
  byRegion: FigureRow[];
  byCountry: FigureRow[];
  byEcosoc: FigureRow[];
  input: InputFigure[];
}

interface Participation {
  event: PortalEvent;
  userId: string;
  organisationId: string;
  type: string;
  country: string;
  ecosoc: string;
  approved: boolean;
  held: boolean;
  attendance: AttendanceState | null;
}

/** Took part: recorded as attended; or, where nothing was recorded, approved at an event that has taken place. */
function tookPart(row: Participation): boolean {
  if (!row.approved) return false;
  return row.attendance === null ? row.held : row.attendance === 'attended';
}

function attendanceMissing(row: Participation): boolean {
  return row.approved && row.held && row.attendance === null;
}

class Counter {
  private readonly sets = new Map<string, { label: string; unrecorded: Set<string>; sets: Record<'applied' | 'approved' | 'tookPart', { organisations: Set<string>; people: Set<string> }> }>();

  add(key: string, label: string, row: Participation): void {
    let entry = this.sets.get(key);
    if (!entry) {
      const empty = () => ({ organisations: new Set<string>(), people: new Set<string>() });
      entry = { label, unrecorded: new Set<string>(), sets: { applied: empty(), approved: empty(), tookPart: empty() } };
      this.sets.set(key, entry);
    }
    const mark = (which: 'applied' | 'approved' | 'tookPart') => {
      entry.sets[which].organisations.add(row.organisationId);
      entry.sets[which].people.add(row.userId);
    };
    mark('applied');
    if (row.approved) mark('approved');
    if (tookPart(row)) mark('tookPart');
    if (attendanceMissing(row)) entry.unrecorded.add(eventKey(row.event));
  }

  rows(order: (a: FigureRow, b: FigureRow) => number = (a, b) => b.applied.people - a.applied.people || a.label.localeCompare(b.label)): FigureRow[] {
    const tally = (sets: { organisations: Set<string>; people: Set<string> }) => ({ organisations: sets.organisations.size, people: sets.people.size });
    return [...this.sets]
      .map(([key, { label, unrecorded, sets }]) => ({ key, label, applied: tally(sets.applied), approved: tally(sets.approved), tookPart: tally(sets.tookPart), attendanceNotRecorded: unrecorded.size }))
      .sort(order);
  }
}

function defaultPeriod(now: Date): { from: string; to: string } {
  const year = now.getUTCFullYear();
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

export async function computeParticipationFigures(
  db: Kysely<Database>,
  actor: SessionUser | null,
  params: URLSearchParams,
  context: { events: readonly PortalEvent[]; topicTitles: ReadonlyMap<string, string>; collectionNames: Record<string, string>; now: Date },
): Promise<Result<ParticipationFigures>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const parsed = parseFilter(figuresFilterSchema, params, ['from', 'to', 'by']);
  const period = defaultPeriod(context.now);
  const filter: FiguresFilter = { from: parsed.filter.from ?? period.from, to: parsed.filter.to ?? period.to, by: parsed.filter.by };
  if (filter.to < filter.from) filter.to = filter.from;
  const start = wallClockToInstant(`${filter.from}T00:00`, FIGURES_ZONE);
  const end = wallClockToInstant(`${nextDay(filter.to)}T00:00`, FIGURES_ZONE);

  const inPeriod = context.events.filter((event) => start <= event.start && event.start < end);
  const byKey = new Map(inPeriod.map((event) => [eventKey(event), event]));
  const participations: Participation[] = [];
  const keys = [...byKey.keys()];
  for (let index = 0; index < keys.length; index += 200) {
    const rows = await db
      .selectFrom('registrations')
      .innerJoin('organisations', 'organisations.id', 'registrations.organisation_id')
      .select(['registrations.event_key', 'registrations.user_id', 'registrations.organisation_id', 'registrations.state', 'registrations.attendance', 'organisations.type', 'organisations.country', 'organisations.ecosoc_status'])
      .where('registrations.event_key', 'in', keys.slice(index, index + 200))
      .execute();
    for (const row of rows) {
      const event = byKey.get(row.event_key)!;
      participations.push({
        event,
        userId: row.user_id,
        organisationId: row.organisation_id,
        type: row.type,
        country: row.country,
        ecosoc: row.ecosoc_status,
        approved: row.state === 'approved',
        held: event.end <= context.now && event.status !== 'cancelled',
        attendance: row.attendance,
      });
    }
  }

  const groups = new Counter();
  const total = new Counter();
  const byType = new Counter();
  const byRegion = new Counter();
  const byCountry = new Counter();
  const byEcosoc = new Counter();
  for (const row of participations) {
    const { event } = row;
    if (filter.by === 'event') groups.add(eventKey(event), event.title, row);
    else if (filter.by === 'collection') groups.add(event.collection, context.collectionNames[event.collection] ?? event.collection, row);
    else for (const topic of event.topics) groups.add(topic, context.topicTitles.get(topic) ?? topic, row);
    total.add('total', 'total', row);
    byType.add(row.type, row.type, row);
    const region = regionOf(row.country) ?? 'unknown';
    byRegion.add(region, region, row);
    byCountry.add(row.country, row.country, row);
    byEcosoc.add(row.ecosoc, row.ecosoc, row);
  }

  const received = await db
    .selectFrom('submissions')
    .select((eb) => ['call_event_key', eb.fn.countAll<number>().as('count')])
    .where('submitted_at', '>=', start.toISOString())
    .where('submitted_at', '<', end.toISOString())
    .groupBy('call_event_key')
    .execute();
  const published = await db
    .selectFrom('submissions')
    .select((eb) => ['call_event_key', eb.fn.countAll<number>().as('count')])
    .where('published_at', '>=', start.toISOString())
    .where('published_at', '<', end.toISOString())
    .groupBy('call_event_key')
    .execute();
  const calls = new Map<string, InputFigure>();
  const callLabel = (key: string) => context.events.find((event) => eventKey(event) === key)?.title ?? key;
  for (const row of received) {
    const key = row.call_event_key ?? '';
    calls.set(key, { callKey: key, label: key ? callLabel(key) : '', received: Number(row.count), published: 0 });
  }
  for (const row of published) {
    const key = row.call_event_key ?? '';
    const figure = calls.get(key) ?? { callKey: key, label: key ? callLabel(key) : '', received: 0, published: 0 };
    figure.published = Number(row.count);
    calls.set(key, figure);
  }

  const empty: FigureRow = { key: 'total', label: 'total', applied: { organisations: 0, people: 0 }, approved: { organisations: 0, people: 0 }, tookPart: { organisations: 0, people: 0 }, attendanceNotRecorded: 0 };
  return success({
    filter,
    issues: parsed.issues,
    groups: groups.rows(),
    total: total.rows()[0] ?? empty,
    byType: byType.rows(),
    byRegion: byRegion.rows(),
    byCountry: byCountry.rows(),
    byEcosoc: byEcosoc.rows(),
    input: [...calls.values()].sort((a, b) => b.received - a.received || a.label.localeCompare(b.label)),
  });
}
