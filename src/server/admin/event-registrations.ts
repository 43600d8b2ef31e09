// One event's registrations as the secretariat works through them: places
// left per mode (from the same counts every seat decision uses), counts over
// all applications, and the filtered list a page at a time, so an event with
// hundreds of applicants stays readable. Filters come from a GET form.
import type { Kysely } from 'kysely';
import { z } from '../validation';
import type { Database } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireSecretariat } from '../auth/permissions';

import type { PortalEvent } from '../events/portal-event';
import { capacityFor, eventKey, modesOffered, PARTICIPATION_MODES } from '../registrations/application-window';
import { countPlaces } from '../registrations/seats';
import { containsPattern, countryFilter, filterSearch, pageFilter, pageWindow, parseFilter, typeFilter, type Paged } from '../organisations/organisation-filters';
import { success, type FieldIssues, type Result } from '../result';
import type { EventRegistrationRow } from '../registrations/registration-lists';

export const EVENT_REGISTRATIONS_PAGE_SIZE = 50;
export const REGISTRATION_STATES = ['pending', 'approved', 'waitlisted', 'rejected', 'withdrawn'] as const;

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const eventRegistrationFilterSchema = z.object({
  state: z.preprocess(blankAsUndefined, z.enum(REGISTRATION_STATES, { error: 'Choose a state from the list.' }).optional()),
  mode: z.preprocess(blankAsUndefined, z.enum(PARTICIPATION_MODES, { error: 'Choose in person or online.' }).optional()),
  type: typeFilter,
  country: countryFilter,
  q: z.preprocess(blankAsUndefined, z.string().trim().max(200, 'Use at most 200 characters.').optional()),
  page: pageFilter,
});

export type EventRegistrationFilter = z.infer<typeof eventRegistrationFilterSchema>;
const FILTER_KEYS = ['state', 'mode', 'type', 'country', 'q', 'page'] as const;

export function eventRegistrationSearch(filter: EventRegistrationFilter, changes: Partial<EventRegistrationFilter> = {}): string {
  const merged = { ...filter, ...changes };
  return filterSearch({ ...merged, page: merged.page && merged.page > 1 ? merged.page : undefined });
}

export interface PlacesLeft {
  mode: string;
  capacity: number | undefined;
  approved: number;
  /** Undefined when the mode has no limit. */
  left: number | undefined;
}

export interface EventRegistrationsPage extends Paged {
  filter: EventRegistrationFilter;
  issues: FieldIssues;
  rows: EventRegistrationRow[];
  places: PlacesLeft[];
  counts: { byState: Record<string, number>; byMode: Record<string, number>; byType: Record<string, number>; byCountry: Record<string, number> };
}

export async function pageEventRegistrations(db: Kysely<Database>, actor: SessionUser | null, event: PortalEvent, params: URLSearchParams): Promise<Result<EventRegistrationsPage>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const { filter, issues } = parseFilter(eventRegistrationFilterSchema, params, FILTER_KEYS);
  const key = eventKey(event);

  const base = db
    .selectFrom('registrations')
    .innerJoin('users', 'users.id', 'registrations.user_id')
    .innerJoin('organisations', 'organisations.id', 'registrations.organisation_id')
    .where('registrations.event_key', '=', key);
  let selected = base;
  if (filter.state) selected = selected.where('registrations.state', '=', filter.state);
  if (filter.mode) selected = selected.where('registrations.mode', '=', filter.mode);
  if (filter.type) selected = selected.where('organisations.type', '=', filter.type);
  if (filter.country) selected = selected.where('organisations.country', '=', filter.country);
  if (filter.q) {
    const pattern = containsPattern(filter.q);
    selected = selected.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.name']), 'like', eb.val(pattern)),
        eb(eb.fn('lower', ['users.email']), 'like', eb.val(pattern)),
        eb(eb.fn('lower', ['organisations.name']), 'like', eb.val(pattern)),
      ]),
    );
  }
  const { count } = await selected.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const window = pageWindow(filter.page, Number(count), EVENT_REGISTRATIONS_PAGE_SIZE);
  const rows = await selected
    .select([
      'registrations.id',
      'registrations.queue_number',
      'users.name as personName',
      'users.email',
      'organisations.name as organisation',
      'organisations.type as organisationType',
      'organisations.country',
      'organisations.ecosoc_status as ecosocStatus',
      'registrations.mode',
      'registrations.state',
      'registrations.statement',
      'registrations.travel_support',
      'registrations.wants_to_speak',
      'registrations.accessibility_needs',
      'registrations.decision_reason',
      'registrations.attendance',
      'registrations.created_at',
    ])
    .orderBy('registrations.queue_number')
    .limit(EVENT_REGISTRATIONS_PAGE_SIZE)
    .offset(window.offset)
    .execute();

  const grouped = async (column: 'registrations.state' | 'organisations.type' | 'organisations.country') => {
    const counted = await base.select((eb) => [eb.ref(column).as('value'), eb.fn.countAll<number>().as('count')]).groupBy(column).execute();
    return Object.fromEntries(counted.map((row) => [String(row.value), Number(row.count)]));
  };
  const places = await countPlaces(db, key);
  const byMode = Object.fromEntries(places.byMode);

  return success({
    filter,
    issues,
    ...window,
    rows: rows.map((row) => ({
      id: row.id,
      queueNumber: row.queue_number,
      personName: row.personName,
      email: row.email,
      organisation: row.organisation,
      organisationType: row.organisationType,
      country: row.country,
      ecosocStatus: row.ecosocStatus,
      mode: row.mode,
      state: row.state,
      statement: row.statement,
      travelSupport: row.travel_support === 1,
      wantsToSpeak: row.wants_to_speak === 1,
      accessibilityNeeds: row.accessibility_needs,
      reason: row.decision_reason,
      attendance: row.attendance,
      createdAt: row.created_at,
    })),
    places: modesOffered(event).map((mode) => {
      const capacity = capacityFor(event, mode);
      const approved = places.byMode.get(mode) ?? 0;
      return { mode, capacity, approved, left: capacity === undefined ? undefined : Math.max(0, capacity - approved) };
    }),
    counts: { byState: await grouped('registrations.state'), byMode, byType: await grouped('organisations.type'), byCountry: await grouped('organisations.country') },
  });
}

