// What the secretariat reviews: organisations by accreditation state (pending
// first by default), oldest request first, with everything needed to decide,
// including the focal point's name and address (secretariat only).
import type { Kysely } from 'kysely';
import { listedOrganisation, type ListedOrganisation } from './listed-organisation';
import { z } from '../validation';
import { requireSecretariat } from '../auth/permissions';
import type { SessionUser } from '../auth/sessions';
import type { Database } from '../db/schema';
import { success, type FieldIssues, type Result } from '../result';
import { ACCREDITATION_STATES, type AccreditationState } from './organisation-schema';
import { countryFilter, ecosocFilter, filterSearch, pageFilter, pageWindow, parseFilter, typeFilter, type Paged } from './organisation-filters';
import { zodKey } from '../../i18n/message';

export const QUEUE_PAGE_SIZE = 20;
export const QUEUE_STATES = [...ACCREDITATION_STATES, 'all'] as const;

export const queueFilterSchema = z.object({
  state: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(QUEUE_STATES, { error: zodKey('organisation.queueStateUnknown') }).default('pending'),
  ),
  type: typeFilter,
  country: countryFilter,
  ecosoc: ecosocFilter,
  page: pageFilter,
});

export type QueueFilter = z.infer<typeof queueFilterSchema>;
const QUEUE_KEYS = ['state', 'type', 'country', 'ecosoc', 'page'] as const;

/** The query string for the same filter (on another page, or with a field changed). */
export function queueSearch(filter: QueueFilter, changes: Partial<QueueFilter> = {}): string {
  const merged = { ...filter, ...changes };
  return filterSearch({
    state: merged.state === 'pending' ? undefined : merged.state,
    type: merged.type,
    country: merged.country,
    ecosoc: merged.ecosoc,
    page: merged.page > 1 ? merged.page : undefined,
  });
}

export interface QueuedOrganisation extends ListedOrganisation {
  accreditation: AccreditationState;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  createdAt: string;
  focalPoints: { name: string; email: string }[];
}

export interface AccreditationQueue extends Paged {
  filter: QueueFilter;
  issues: FieldIssues;
  organisations: QueuedOrganisation[];
}

export async function listAccreditationQueue(db: Kysely<Database>, actor: SessionUser | null, params: URLSearchParams): Promise<Result<AccreditationQueue>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const { filter, issues } = parseFilter(queueFilterSchema, params, QUEUE_KEYS);

  let query = db.selectFrom('organisations');
  if (filter.state !== 'all') query = query.where('organisations.accreditation', '=', filter.state);
  if (filter.type) query = query.where('organisations.type', '=', filter.type);
  if (filter.country) query = query.where('organisations.country', '=', filter.country);
  if (filter.ecosoc) query = query.where('organisations.ecosoc_status', '=', filter.ecosoc);

  const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const window = pageWindow(filter.page, Number(count), QUEUE_PAGE_SIZE);
  const rows = await query
    .leftJoin('users as decider', 'decider.id', 'organisations.accreditation_decided_by')
    .selectAll('organisations')
    .select('decider.name as decider_name')
    .orderBy('organisations.created_at', 'asc')
    .orderBy('organisations.id', 'asc')
    .limit(QUEUE_PAGE_SIZE)
    .offset(window.offset)
    .execute();

  const ids = rows.map((row) => row.id);
  const focalPoints = ids.length
    ? await db
        .selectFrom('users')
        .select(['organisation_id', 'name', 'email'])
        .where('organisation_id', 'in', ids)
        .where('role', '=', 'focal-point')
        .where('deleted_at', 'is', null)
        .orderBy('name')
        .execute()
    : [];

  return success({
    filter: { ...filter, page: window.page },
    issues,
    page: window.page,
    pageCount: window.pageCount,
    total: window.total,
    organisations: rows.map((row) => ({
      ...listedOrganisation(row),
      accreditation: row.accreditation as AccreditationState,
      reason: row.accreditation_reason,
      decidedAt: row.accreditation_decided_at,
      decidedBy: row.decider_name,
      createdAt: row.created_at,
      focalPoints: focalPoints.filter((person) => person.organisation_id === row.id).map(({ name, email }) => ({ name, email })),
    })),
  });
}
