// Written input from draft to publication, on both databases.
import type { AccreditationState } from '../../src/server/db/schema';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { callLookup } from '../../src/server/submissions/calls';
import { saveSubmission, viewSubmission, type SubmissionContext } from '../../src/server/submissions/submissions';
import { moderateSubmission } from '../../src/server/submissions/moderation';
import { listModerationQueue, listPublishedSubmissions } from '../../src/server/submissions/submission-lists';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { portalEvent, TOPIC_SLUGS } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import { mailTo } from '../support/outbox';
import { saying } from '../support/messages-in-english';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'whatson-submissions-'));
  process.env.OUTBOX_DIR = join(folder, 'outbox');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const NOW = new Date('2027-01-15T12:00:00Z');
const dialogue = portalEvent('2027-03-firearms', {
  start: '2027-03-16T10:00',
  end: '2027-03-16T18:00',
  callForInput: { opens: '2026-12-01T00:00', closes: '2027-02-28T23:59', questions: ['What works?', 'What does not?'], wordLimit: 60 },
});
const CALL = 'dialogues/2027-03-firearms';
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

function context(now = NOW): SubmissionContext {
  return { knownTopics: TOPIC_SLUGS, findCall: callLookup([dialogue]), attachmentsDir: join(folder, 'attachments'), now };
}

const draft = (overrides: Record<string, unknown> = {}) => ({ title: 'Tracing in practice', topics: ['firearms'], body: 'Our findings on **tracing**.', consent: 'on', intent: 'save', ...overrides });

describe.each(DIALECTS)('written input on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  async function member(accreditation: AccreditationState = 'accredited') {
    return createMember(handle.db, await createOrganisation(handle.db, { accreditation }));
  }

  async function secretariat() {
    return createMember(handle.db, null, 'secretariat');
  }

  it('goes from draft to submitted to published, and the author is emailed', async () => {
    const author = await member();
    const saved = await saveSubmission(handle.db, author, null, draft(), null, context());
    expect(saved).toMatchObject({ ok: true, value: { state: 'draft' } });
    const id = saved.ok ? saved.value.id : '';
    expect(id).toMatch(/^[a-z2-7]{32}$/);

    const edited = await saveSubmission(handle.db, author, id, draft({ title: 'Tracing in practice, revised', intent: 'submit' }), null, context());
    expect(edited).toEqual({ ok: true, value: { id, state: 'submitted' } });
    expect(await listPublishedSubmissions(handle.db)).toEqual([]);

    expect(await moderateSubmission(handle.db, await secretariat(), id, { decision: 'publish' }, NOW)).toEqual({ ok: true, value: { state: 'published' } });
    const published = await listPublishedSubmissions(handle.db, { topic: 'firearms' });
    expect(published.map((submission) => submission.title)).toEqual(['Tracing in practice, revised']);
    expect((await mailTo(join(folder, 'outbox'), author.email, 'Your written input')).subject).toContain('has been published');
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).execute();
    expect(audit).toMatchObject([{ action: 'submission.published' }]);
  });

  it('returns input for changes with a note, which can then be edited and resubmitted', async () => {
    const author = await member();
    const saved = await saveSubmission(handle.db, author, null, draft({ intent: 'submit' }), null, context());
    const id = saved.ok ? saved.value.id : '';
    const staff = await secretariat();
    expect(await moderateSubmission(handle.db, staff, id, { decision: 'return' }, NOW)).toMatchObject({ ok: false, code: 'invalid', issues: { note: saying('note') } });
    expect(await moderateSubmission(handle.db, staff, id, { decision: 'return', note: 'Please add sources.' }, NOW)).toMatchObject({ ok: true, value: { state: 'returned' } });
    const view = await viewSubmission(handle.db, author, id);
    expect(view).toMatchObject({ ok: true, value: { editable: true, row: { secretariat_note: 'Please add sources.' } } });
    expect(await saveSubmission(handle.db, author, id, draft({ body: 'Our findings, with sources.', intent: 'submit' }), null, context())).toMatchObject({ ok: true, value: { state: 'submitted' } });
  });

  it('rejects input with a reason, and then it can no longer be edited', async () => {
    const author = await member();
    const saved = await saveSubmission(handle.db, author, null, draft({ intent: 'submit' }), null, context());
    const id = saved.ok ? saved.value.id : '';
    expect(await moderateSubmission(handle.db, await secretariat(), id, { decision: 'reject', note: 'Off topic.' }, NOW)).toMatchObject({ ok: true, value: { state: 'rejected' } });
    expect(await saveSubmission(handle.db, author, id, draft(), null, context())).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('does not publish input without the organisation’s consent', async () => {
    const author = await member();
    const saved = await saveSubmission(handle.db, author, null, draft({ consent: undefined, intent: 'submit' }), null, context());
    expect(await moderateSubmission(handle.db, await secretariat(), saved.ok ? saved.value.id : '', { decision: 'publish' }, NOW)).toMatchObject({ ok: false, code: 'conflict', message: saying('consent') });
  });

  it('cannot be submitted to a call after it closes, though drafts can still be saved', async () => {
    const author = await member();
    const late = context(new Date('2027-03-01T00:00:00Z'));
    const answers = ['Marking works.', 'Record-keeping lags.'];
    expect(await saveSubmission(handle.db, author, null, draft({ call: CALL, answers, intent: 'submit' }), null, late)).toMatchObject({ ok: false, code: 'invalid', issues: { form: saying('has closed') } });
    expect(await saveSubmission(handle.db, author, null, draft({ call: CALL, answers }), null, late)).toMatchObject({ ok: true });
    expect(await saveSubmission(handle.db, author, null, draft({ call: CALL, answers, intent: 'submit' }), null, context())).toMatchObject({ ok: true, value: { state: 'submitted' } });
  });

  it('holds input to the call’s word limit, counting the answers too', async () => {
    const author = await member();
    const long = Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ');
    const result = await saveSubmission(handle.db, author, null, draft({ call: CALL, answers: [long, long], body: '', intent: 'submit' }), null, context());
    expect(result).toMatchObject({ ok: false, code: 'invalid', issues: { body: 'The input has 80 words; the limit is 60. Shorten it before submitting.' } });
  });

  it('asks for an answer to every guiding question before submitting', async () => {
    const author = await member();
    expect(await saveSubmission(handle.db, author, null, draft({ call: CALL, answers: ['Only one.'], intent: 'submit' }), null, context())).toMatchObject({ issues: { answers: saying('every guiding question') } });
  });

  it('keeps drafts to the organisation: another organisation cannot read or edit them, by any id', async () => {
    const author = await member();
    const colleague = await createMember(handle.db, author.organisationId);
    const stranger = await member();
    const saved = await saveSubmission(handle.db, author, null, draft(), null, context());
    const id = saved.ok ? saved.value.id : '';
    expect(await viewSubmission(handle.db, stranger, id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await viewSubmission(handle.db, null, id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await saveSubmission(handle.db, stranger, id, draft({ title: 'Hijacked' }), null, context())).toMatchObject({ ok: false, code: 'not_found' });
    expect(await viewSubmission(handle.db, colleague, id)).toMatchObject({ ok: true, value: { editable: true } });
    expect(await viewSubmission(handle.db, await secretariat(), id)).toMatchObject({ ok: true });
  });

  it('lets only accredited organisations write, and only the secretariat moderate', async () => {
    const pending = await member('pending');
    expect(await saveSubmission(handle.db, pending, null, draft(), null, context())).toMatchObject({ ok: false, code: 'forbidden', message: saying('waiting for accreditation') });
    const author = await member();
    const saved = await saveSubmission(handle.db, author, null, draft({ intent: 'submit' }), null, context());
    expect(await moderateSubmission(handle.db, author, saved.ok ? saved.value.id : '', { decision: 'publish' }, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await listModerationQueue(handle.db, author)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('accepts a PDF attachment and refuses a renamed executable', async () => {
    const author = await member();
    const pdf = new File([PDF], 'findings.pdf', { type: 'application/pdf' });
    const saved = await saveSubmission(handle.db, author, null, draft(), pdf, context());
    expect(saved.ok).toBe(true);
    const view = await viewSubmission(handle.db, author, saved.ok ? saved.value.id : '');
    expect(view).toMatchObject({ ok: true, value: { row: { attachment_name: 'findings.pdf', attachment_size: PDF.byteLength } } });
    const stored = view.ok ? view.value.row.attachment_stored_name! : '';
    expect(stored).not.toContain('findings');
    expect(readdirSync(join(folder, 'attachments'))).toContain(stored);

    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], 'report.pdf', { type: 'application/pdf' });
    expect(await saveSubmission(handle.db, author, null, draft(), exe, context())).toMatchObject({ ok: false, code: 'invalid', issues: { attachment: saying('not a PDF') } });
  });

  it('refuses bad input with messages per field', async () => {
    const author = await member();
    const result = await saveSubmission(handle.db, author, null, { title: '', topics: ['piracy'], call: 'dialogues/none' }, null, context());
    expect(result).toMatchObject({ ok: false, code: 'invalid', issues: { title: 'Give the input a title.', 'topics.0': 'Choose topics from the list.' } });
  });

  it('filters the moderation queue by call, topic and organisation type', async () => {
    const ngo = await member();
    const academic = await createMember(handle.db, await createOrganisation(handle.db, { type: 'academia' }));
    await saveSubmission(handle.db, ngo, null, draft({ intent: 'submit', call: CALL, answers: ['a', 'b'] }), null, context());
    await saveSubmission(handle.db, academic, null, draft({ intent: 'submit', topics: ['organized-crime'] }), null, context());
    const staff = await secretariat();
    const titles = async (filter: Record<string, string>) => {
      const queue = await listModerationQueue(handle.db, staff, filter);
      return queue.ok ? queue.value.map((submission) => submission.organisationType) : [];
    };
    expect(await titles({ call: CALL })).toEqual(['ngo']);
    expect(await titles({ topic: 'organized-crime' })).toEqual(['academia']);
    expect(await titles({ type: 'academia' })).toEqual(['academia']);
    expect((await titles({})).sort()).toEqual(['academia', 'ngo']);
  });
});
