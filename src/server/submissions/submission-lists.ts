// Lists of written input: the public archive, an organisation's own, and
// the secretariat's moderation queue.
import { sql, type Kysely } from 'kysely';
import { SUBMISSION_STATES, type Database, type SubmissionState } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireAccreditedOrganisation, requireSecretariat } from '../auth/permissions';
import { success, type Result } from '../result';
import type { OrganisationType } from '../organisations/organisation-schema';

export interface SubmissionSummary {
  id: string;
  title: string;
  state: string;
  topics: string[];
  /** Codes of the States it concerns. */
  states: string[];
  callKey: string | null;
  organisationName: string;
  organisationType: string;
  body: string;
  answers: string[];
  note: string | null;
  updatedAt: string;
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface SubmissionFilter {
  topic?: string;
  /** A State (code from the shared country list) the input names. */
  country?: string;
  call?: string;
  type?: string;
  q?: string;
  state?: string;
}

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('submissions')
    .innerJoin('organisations', 'organisations.id', 'submissions.organisation_id')
    .select([
      'submissions.id',
      'submissions.title',
      'submissions.state',
      'submissions.topics',
      'submissions.states',
      'submissions.call_event_key',
      'submissions.body',
      'submissions.answers',
      'submissions.secretariat_note',
      'submissions.updated_at',
      'submissions.submitted_at',
      'submissions.published_at',
      'organisations.name as organisationName',
      'organisations.type as organisationType',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function summarise(row: Row): SubmissionSummary {
  return {
    id: row.id,
    title: row.title,
    state: row.state,
    topics: JSON.parse(row.topics) as string[],
    states: JSON.parse(row.states) as string[],
    callKey: row.call_event_key,
    organisationName: row.organisationName,
    organisationType: row.organisationType,
    body: row.body,
    answers: JSON.parse(row.answers) as string[],
    note: row.secretariat_note,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
    publishedAt: row.published_at,
  };
}

/** The filter as SQL conditions, so limits and counts apply to what matches. */
function filtered(query: ReturnType<typeof baseQuery>, filter: SubmissionFilter) {
  let result = query;
  // Topic slugs are plain words, so their quoted form in the JSON array is unambiguous.
  if (filter.topic) result = result.where('submissions.topics', 'like', `%"${filter.topic.replace(/[^a-z0-9-]/g, '')}"%`);
  // Codes are two capital letters, so their quoted form in the JSON array is unambiguous too.
  if (filter.country) result = result.where('submissions.states', 'like', `%"${filter.country.replace(/[^A-Z]/g, '')}"%`);
  if (filter.call) result = result.where('submissions.call_event_key', '=', filter.call);
  // From the address bar: an unknown kind matches nothing, which is the answer.
  if (filter.type) result = result.where('organisations.type', '=', filter.type as OrganisationType);
  for (const word of (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const pattern = `%${word.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    result = result.where((eb) =>
      eb.or([
        eb(sql`lower(submissions.title)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(submissions.body)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(organisations.name)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  return result;
}

/** Published input, newest first; anyone may read it. */
export async function listPublishedSubmissions(db: Kysely<Database>, filter: SubmissionFilter = {}, limit = 200): Promise<SubmissionSummary[]> {
  const rows = await filtered(baseQuery(db), filter).where('submissions.state', '=', 'published').orderBy('submissions.published_at', 'desc').limit(limit).execute();
  return rows.map(summarise);
}

/** Addresses of published input for the sitemap, newest first (a sitemap holds at most 50,000 addresses). */
export async function listPublishedSubmissionIds(db: Kysely<Database>, limit = 40_000): Promise<{ id: string; publishedAt: string | null }[]> {
  const rows = await db.selectFrom('submissions').select(['id', 'published_at']).where('state', '=', 'published').orderBy('published_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ id: row.id, publishedAt: row.published_at }));
}

export async function listOrganisationSubmissions(db: Kysely<Database>, actor: SessionUser | null): Promise<Result<SubmissionSummary[]>> {
  const member = await requireAccreditedOrganisation(db, actor);
  if (!member.ok) return member;
  const rows = await baseQuery(db).where('submissions.organisation_id', '=', member.value.organisationId).orderBy('submissions.updated_at', 'desc').execute();
  return success(rows.map(summarise));
}

function isSubmissionState(value: string): value is SubmissionState {
  return (SUBMISSION_STATES as readonly string[]).includes(value);
}

/** The secretariat's queue: submitted input by default, oldest first, filterable by call, topic and organisation type. */
export async function listModerationQueue(db: Kysely<Database>, actor: SessionUser | null, filter: SubmissionFilter = {}): Promise<Result<SubmissionSummary[]>> {
  const secretariat = requireSecretariat(actor);
  if (!secretariat.ok) return secretariat;
  const wanted = filter.state || 'submitted';
  let query = filtered(baseQuery(db), filter).where('submissions.state', '!=', 'draft');
  if (wanted !== 'all') {
    // A state that does not exist matches nothing.
    if (!isSubmissionState(wanted)) return success([]);
    query = query.where('submissions.state', '=', wanted);
  }
  const rows = await query.orderBy(sql`coalesce(submissions.submitted_at, submissions.updated_at)`).execute();
  return success(rows.map(summarise));
}
