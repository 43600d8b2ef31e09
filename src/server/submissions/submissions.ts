// Writing input: members of an accredited organisation draft, come back,
// edit and submit before the call closes. Drafts belong to the organisation:
// anyone else gets "not found", whatever the id.
import { portalNow } from '../clock';
import type { Kysely, Selectable } from 'kysely';
import type { Database, SubmissionState, SubmissionsTable } from '../db/schema';
import type { SessionUser } from '../auth/sessions';
import { requireAccreditedOrganisation } from '../auth/permissions';
import { generateToken } from '../auth/tokens';
import { countWords } from '../markdown/render-markdown';
import { failure, invalid, issuesFromZod, success, type Result } from '../result';
import { callPhase, DEFAULT_WORD_LIMIT, isCallOpen, type CallLookup, type OpenCall } from './calls';
import { CALL_CLOSED, CALL_NOT_OPEN_YET } from './call-panel';
import { inspectPdfUpload, storeAttachment } from './pdf-attachments';
import { submissionFormSchema } from './submission-form';
import { message } from '../../i18n/message';

export const EDITABLE_STATES: readonly SubmissionState[] = ['draft', 'returned'];
const NOT_FOUND = 'submission.notFound';

export interface SubmissionContext {
  knownTopics: readonly string[];
  findCall: CallLookup;
  attachmentsDir: string;
  now?: Date;
}

export function wordLimitOf(call: OpenCall | undefined): number {
  return call?.wordLimit ?? DEFAULT_WORD_LIMIT;
}

export function wordsIn(body: string, answers: string[]): number {
  return countWords([body, ...answers].join('\n\n'));
}

/** Creates (id null) or updates a draft, and submits it when the form says so. */
export async function saveSubmission(
  db: Kysely<Database>,
  actor: SessionUser | null,
  id: string | null,
  input: unknown,
  attachment: File | null,
  context: SubmissionContext,
): Promise<Result<{ id: string; state: string }>> {
  const now = context.now ?? portalNow();
  const member = await requireAccreditedOrganisation(db, actor);
  if (!member.ok) return member;
  const parsed = submissionFormSchema(context.knownTopics).safeParse(input);
  if (!parsed.success) return invalid(issuesFromZod(parsed.error));
  const form = parsed.data;
  const call = form.call ? context.findCall(form.call) : undefined;
  if (form.call && !call) return invalid({ call: message('submission.callFromList') });
  const answers = call ? call.questions.map((_, index) => form.answers[index]?.trim() ?? '') : [];

  let existing: Selectable<SubmissionsTable> | undefined;
  if (id) {
    existing = await db.selectFrom('submissions').selectAll().where('id', '=', id).where('organisation_id', '=', member.value.organisationId).executeTakeFirst();
    if (!existing) return failure('not_found', NOT_FOUND);
    if (!EDITABLE_STATES.includes(existing.state)) return failure('conflict', 'submission.locked');
  }

  const upload = await inspectPdfUpload(attachment);
  if (!upload.ok) return invalid({ attachment: upload.message });

  if (form.intent === 'submit') {
    if (call && !isCallOpen(call, now)) {
      return invalid({ form: callPhase(call, now) === 'not-open-yet' ? CALL_NOT_OPEN_YET : CALL_CLOSED });
    }
    if (!form.body.trim() && answers.every((answer) => !answer)) return invalid({ body: message('submission.bodyMissing') });
    if (call && answers.some((answer) => !answer)) return invalid({ answers: message('submission.answersMissing') });
    const words = wordsIn(form.body, answers);
    const limit = wordLimitOf(call);
    if (words > limit) return invalid({ body: message('submission.tooManyWords', { words, limit }) });
  }

  const stored = upload.value ? await storeAttachment(upload.value.bytes, context.attachmentsDir) : undefined;
  const stamp = now.toISOString();
  const state = form.intent === 'submit' ? 'submitted' : (existing?.state ?? 'draft');
  const fields = {
    title: form.title,
    topics: JSON.stringify(form.topics),
    states: JSON.stringify(form.states),
    call_event_key: call?.key ?? null,
    body: form.body,
    answers: JSON.stringify(answers),
    consent_to_publish: form.consent ? (1 as const) : (0 as const),
    state,
    updated_at: stamp,
    submitted_at: form.intent === 'submit' ? stamp : (existing?.submitted_at ?? null),
    ...(stored && upload.value
      ? { attachment_stored_name: stored.storedName, attachment_name: upload.value.originalName, attachment_size: upload.value.size }
      : {}),
  };
  if (existing) {
    await db.updateTable('submissions').set(fields).where('id', '=', existing.id).execute();
    return success({ id: existing.id, state });
  }
  const newId = generateToken();
  await db
    .insertInto('submissions')
    .values({
      id: newId,
      organisation_id: member.value.organisationId,
      author_id: member.value.actor.id,
      secretariat_note: null,
      attachment_stored_name: null,
      attachment_name: null,
      attachment_size: null,
      created_at: stamp,
      decided_at: null,
      decided_by: null,
      published_at: null,
      ...fields,
    })
    .execute();
  return success({ id: newId, state });
}

export interface SubmissionView {
  row: Selectable<SubmissionsTable>;
  organisationName: string;
  organisationType: string;
  authorName: string;
  topics: string[];
  /** Codes of the States it concerns. */
  states: string[];
  answers: string[];
  /** The person may edit it now. */
  editable: boolean;
}

/**
 * Published input is public. Anything else is visible to the organisation's
 * members and the secretariat only; to others it does not exist, or, once
 * taken down, is gone.
 */
export async function viewSubmission(db: Kysely<Database>, actor: SessionUser | null, id: string): Promise<Result<SubmissionView>> {
  const row = await db
    .selectFrom('submissions')
    .innerJoin('organisations', 'organisations.id', 'submissions.organisation_id')
    .innerJoin('users', 'users.id', 'submissions.author_id')
    .selectAll('submissions')
    .select(['organisations.name as organisationName', 'organisations.type as organisationType', 'users.name as authorName'])
    .where('submissions.id', '=', id)
    .executeTakeFirst();
  if (!row) return failure('not_found', NOT_FOUND);
  const member = actor?.organisationId === row.organisation_id;
  if (row.state !== 'published' && !member && actor?.role !== 'secretariat') {
    // Its address was public: say it is gone for good (410), so readers and search engines drop it.
    return row.state === 'taken-down' ? failure('gone', 'submission.takenDown') : failure('not_found', NOT_FOUND);
  }
  const { organisationName, organisationType, authorName, ...submission } = row;
  return success({
    row: submission,
    organisationName,
    organisationType,
    authorName,
    topics: JSON.parse(submission.topics) as string[],
    states: JSON.parse(submission.states) as string[],
    answers: JSON.parse(submission.answers) as string[],
    editable: member && EDITABLE_STATES.includes(submission.state),
  });
}
