// The secretariat's Review Mechanism editor on both databases: the files'
// validation in the browser (each refusal next to its field), every save a
// version shown at once and written in the audit log, restoring, a stored
// entry overriding its file, export in the content format, and nobody else
// allowed to do any of it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { createReviewEntry, readReviewEntryHistory, restoreReviewEntry, REVIEW_SLUG_TAKEN, saveReviewEntry } from '../../src/server/review-editor/save-review-entry';
import { openReviewEntry, listStoredReviewEntries } from '../../src/server/review-editor/open-review-entry';
import { reviewEntryFile, writeStoredReviewEntries } from '../../src/server/review-editor/review-entry-files';
import { reviewValuesOf } from '../../src/server/review-editor/review-entry-form';
import { readStoredReviewEntries, type ReviewEditorContext, type ReviewEntryContent } from '../../src/server/review-editor/review-entry-rows';
import { assembleReviewContent, StoredReviewState } from '../../src/server/review-mechanism/review-assembly';
import { countryOverview, reviewsExaminedBy } from '../../src/server/review-mechanism/review-mechanism';
import { readPublicDataVersion } from '../../src/server/public-cache/public-data-version';
import { diffVersions } from '../../src/server/event-editor/event-history';
import type { EditorValues } from '../../src/server/event-editor/event-form';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { createMember, createOrganisation } from '../support/members';
import { saying } from '../support/messages-in-english';

const NOW = new Date('2027-05-01T12:00:00Z');
const PHASE = '2026-2028-prevention';
const PHASE_FILE: ReviewEntryContent = {
  data: { title: 'Phase on prevention (2026–2028)', cluster: 'prevention-and-technical-assistance', starts: '2026-08-01', ends: '2028-07-31', sessions: [], dialogues: ['2027-07-dialogue'], illustrative: false },
  body: 'The **prevention** phase.',
};
const REVIEW_FILE: ReviewEntryContent = {
  data: { state: 'KE', reviewers: ['GH', 'FR'], cluster: 'prevention-and-technical-assistance', phase: PHASE, stage: 'questionnaire', documents: [], illustrative: false },
  body: '',
};
const FILES = new Map<string, ReviewEntryContent>([
  [`review-phases/${PHASE}`, PHASE_FILE],
  ['country-reviews/ke-prevention', REVIEW_FILE],
]);

function contextAt(now = NOW): ReviewEditorContext {
  return {
    knownDialogues: ['2027-07-dialogue', '2028-03-dialogue'],
    phaseClusters: new Map([[PHASE, 'prevention-and-technical-assistance']]),
    fileEntry: (collection, slug) => FILES.get(`${collection}/${slug}`),
    now,
  };
}

function reviewValues(overrides: EditorValues = {}): EditorValues {
  return { slug: 'at-prevention', ...reviewValuesOf('country-reviews', { ...REVIEW_FILE.data, state: 'AT', reviewers: ['DE', 'IT'] }, ''), ...overrides };
}

async function contentOf(db: DatabaseHandle['db']) {
  const state = new StoredReviewState();
  state.apply(await readStoredReviewEntries(db, 0));
  return assembleReviewContent({ entries: FILES }, state);
}

describe.each(DIALECTS)('the Review Mechanism editor on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  it('refuses an unknown State, cluster, phase or stage and reviewers equal to the reviewed State, each next to its field, saving nothing', async () => {
    const refused = await createReviewEntry(handle.db, secretariat, 'country-reviews', reviewValues({ state: 'XX', 'reviewers.0': 'XX', 'reviewers.1': 'YY', cluster: 'piracy', phase: 'no-such-phase', stage: 'verdict' }), contextAt());
    expect(refused).toMatchObject({
      ok: false,
      code: 'invalid',
      issues: {
        state: '“XX” is not a State on the UN country list; choose one from the list.',
        'reviewers.1': saying('“YY” is not a State'),
        cluster: saying('“piracy” is not a cluster'),
        phase: 'There is no phase “no-such-phase” in the review cycle; choose one from the list.',
        stage: saying('“verdict” is not a stage of a review'),
      },
    });
    const selfReview = await createReviewEntry(handle.db, secretariat, 'country-reviews', reviewValues({ 'reviewers.0': 'AT' }), contextAt());
    expect(selfReview).toMatchObject({ ok: false, issues: { 'reviewers.0': 'A State cannot review itself: choose another reviewing State.' } });
    const sameTwice = await createReviewEntry(handle.db, secretariat, 'country-reviews', reviewValues({ 'reviewers.1': 'DE' }), contextAt());
    expect(sameTwice).toMatchObject({ ok: false, issues: { 'reviewers.1': 'The two reviewing States must be different States.' } });
    const otherCluster = await createReviewEntry(handle.db, secretariat, 'country-reviews', reviewValues({ cluster: 'international-cooperation' }), contextAt());
    expect(otherCluster).toMatchObject({ ok: false, issues: { cluster: saying(`The phase “${PHASE}” reviews another cluster`) } });
    const phase = await createReviewEntry(handle.db, secretariat, 'review-phases', { slug: 'next-phase', title: 'Next', cluster: 'piracy', starts: '2028-08-01', ends: '2028-01-01', dialogues: ['no-such-dialogue'] }, contextAt());
    expect(phase).toMatchObject({ ok: false, issues: { cluster: saying('“piracy” is not a cluster'), dialogues: saying('no constructive dialogue “no-such-dialogue”') } });
    const backwards = await createReviewEntry(handle.db, secretariat, 'review-phases', { slug: 'next-phase', title: 'Next', cluster: 'international-cooperation', starts: '2028-08-01', ends: '2028-01-01' }, contextAt());
    expect(backwards).toMatchObject({ ok: false, issues: { ends: 'The phase must end after the day it starts.' } });
    expect(await handle.db.selectFrom('stored_review_entries').select('entry_key').execute()).toEqual([]);
    expect(await handle.db.selectFrom('audit_log').select('action').execute()).toEqual([]);
  });

  it('saves a new country review as version 1, shows it at once and writes it in the audit log', async () => {
    const versionBefore = await readPublicDataVersion(handle.db);
    const saved = await createReviewEntry(handle.db, secretariat, 'country-reviews', reviewValues(), contextAt());
    expect(saved).toEqual({ ok: true, value: { collection: 'country-reviews', slug: 'at-prevention', version: 1 } });
    expect(await readPublicDataVersion(handle.db)).toBe(versionBefore + 1);
    const content = await contentOf(handle.db);
    expect(content.reviews.map((review) => review.slug)).toEqual(['at-prevention', 'ke-prevention']);
    expect(countryOverview('AT', content, [], NOW).reviews).toMatchObject([{ review: { state: 'AT', reviewers: ['DE', 'IT'], stage: 'questionnaire' }, phase: { slug: PHASE }, current: true }]);
    expect(reviewsExaminedBy('2027-07-dialogue', content)).toEqual([{ phase: expect.objectContaining({ slug: PHASE }), states: ['AT', 'KE'] }]);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'actor_user_id', 'subject_type', 'subject_id', 'at']).execute();
    expect(audit).toEqual([{ action: 'review-entry.saved', actor_user_id: secretariat.id, subject_type: 'review-entry', subject_id: 'country-reviews/at-prevention', at: NOW.toISOString() }]);
    expect(await createReviewEntry(handle.db, secretariat, 'country-reviews', reviewValues(), contextAt())).toMatchObject({ ok: false, issues: { slug: REVIEW_SLUG_TAKEN } });
    expect(await createReviewEntry(handle.db, secretariat, 'country-reviews', reviewValues({ slug: 'ke-prevention' }), contextAt())).toMatchObject({ ok: false, issues: { slug: REVIEW_SLUG_TAKEN } });
  });

  it('overrides a file entry with the stored version: the file becomes version 1, the edit version 2', async () => {
    const opened = await openReviewEntry(handle.db, secretariat, 'country-reviews', 'ke-prevention', contextAt());
    expect(opened).toMatchObject({ ok: true, value: { latestVersion: 0, hasFile: true, values: { state: 'KE', 'reviewers.0': 'GH', 'reviewers.1': 'FR', stage: 'questionnaire' } } });
    const values = { ...(opened.ok ? opened.value.values : {}), stage: 'desk-review', 'documents.0.title': 'Executive summary', 'documents.0.kind': 'summary', 'documents.0.url': 'https://www.unodc.org/summary.pdf' };
    expect(await saveReviewEntry(handle.db, secretariat, 'country-reviews', 'ke-prevention', values, contextAt())).toMatchObject({ ok: true, value: { version: 2 } });
    const content = await contentOf(handle.db);
    expect(content.reviews.find((review) => review.slug === 'ke-prevention')).toMatchObject({ stage: 'desk-review', documents: [{ title: 'Executive summary', kind: 'summary', language: 'en' }] });
    expect(content.isStored('country-reviews', 'ke-prevention')).toBe(true);
    expect(content.fileEntry('country-reviews', 'ke-prevention')).toBe(REVIEW_FILE);
    const history = await readReviewEntryHistory(handle.db, secretariat, 'country-reviews', 'ke-prevention');
    expect(history.ok && history.value.map((version) => [version.version, version.note, version.savedBy])).toEqual([[2, 'saved', secretariat.id], [1, 'file', null]]);
  });

  it('keeps every version and restores one as the newest, with an audit entry, and shows the restored one', async () => {
    await createReviewEntry(handle.db, secretariat, 'review-phases', { slug: '2028-2030-law-enforcement', ...reviewValuesOf('review-phases', { title: 'Law enforcement', cluster: 'law-enforcement-and-judicial-system', starts: '2028-08-01', ends: '2030-07-31', sessions: [{ title: 'Working Group on Firearms, 2029', workingGroup: 'firearms', start: '2029-03-01', end: '2029-03-02' }], dialogues: ['2028-03-dialogue'], illustrative: false }, 'First text.') }, contextAt());
    const opened = await openReviewEntry(handle.db, secretariat, 'review-phases', '2028-2030-law-enforcement', contextAt());
    expect(await saveReviewEntry(handle.db, secretariat, 'review-phases', '2028-2030-law-enforcement', { ...(opened.ok ? opened.value.values : {}), title: 'Law enforcement and the judicial system', body: 'Second text.' }, contextAt())).toMatchObject({ ok: true, value: { version: 2 } });
    const history = await readReviewEntryHistory(handle.db, secretariat, 'review-phases', '2028-2030-law-enforcement');
    expect(history.ok && diffVersions(history.value[1]!, history.value[0]!)).toEqual([
      { field: 'title', before: 'Law enforcement', after: 'Law enforcement and the judicial system' },
      { field: 'body', before: 'First text.', after: 'Second text.' },
    ]);
    expect(await restoreReviewEntry(handle.db, secretariat, 'review-phases', '2028-2030-law-enforcement', { version: '9' }, contextAt())).toMatchObject({ ok: false, issues: { version: 'Choose a version from the list.' } });
    const restored = await restoreReviewEntry(handle.db, secretariat, 'review-phases', '2028-2030-law-enforcement', { version: '1' }, contextAt());
    expect(restored).toMatchObject({ ok: true, value: { version: 3, from: 1 } });
    const content = await contentOf(handle.db);
    expect(content.phases.find((phase) => phase.slug === '2028-2030-law-enforcement')).toMatchObject({ title: 'Law enforcement', sessions: [{ workingGroup: 'firearms', start: '2029-03-01' }] });
    expect(content.storedBodyHtml('review-phases', '2028-2030-law-enforcement')).toBe('<p>First text.</p>\n');
    expect(content.storedBodyHtml('review-phases', PHASE)).toBeUndefined();
    const audit = await handle.db.selectFrom('audit_log').select('action').orderBy('at').execute();
    expect(audit.map((entry) => entry.action).sort()).toEqual(['review-entry.restored', 'review-entry.saved', 'review-entry.saved']);
  });

  it('exports stored entries as files in the content format that the schemas read back', async () => {
    await createReviewEntry(handle.db, secretariat, 'country-reviews', reviewValues({ body: 'Illustrative.' }), contextAt());
    const file = await reviewEntryFile(handle.db, secretariat, 'country-reviews', 'at-prevention', contextAt());
    expect(file.ok && file.value.name).toBe('at-prevention.md');
    const text = file.ok ? file.value.text : '';
    const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
    expect(parse(match[1]!)).toEqual({ state: 'AT', reviewers: ['DE', 'IT'], cluster: 'prevention-and-technical-assistance', phase: PHASE, stage: 'questionnaire', documents: [], illustrative: false });
    expect(match[2]).toBe('Illustrative.\n');
    const fromFile = await reviewEntryFile(handle.db, secretariat, 'review-phases', PHASE, contextAt());
    expect(fromFile.ok && fromFile.value.text).toContain('title: "Phase on prevention (2026–2028)"');
    const folder = mkdtempSync(join(tmpdir(), 'whatson-review-export-'));
    try {
      expect(await writeStoredReviewEntries(handle.db, folder)).toBe(1);
      expect(readFileSync(join(folder, 'country-reviews', 'at-prevention.md'), 'utf8')).toBe(text);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses every part of the editor to anyone but the secretariat', async () => {
    const organisation = await createOrganisation(handle.db);
    const representative = await createMember(handle.db, organisation);
    for (const actor of [representative, null]) {
      expect(await createReviewEntry(handle.db, actor, 'country-reviews', reviewValues(), contextAt())).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await saveReviewEntry(handle.db, actor, 'country-reviews', 'ke-prevention', reviewValues(), contextAt())).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await restoreReviewEntry(handle.db, actor, 'country-reviews', 'ke-prevention', { version: '1' }, contextAt())).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await readReviewEntryHistory(handle.db, actor, 'country-reviews', 'ke-prevention')).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await openReviewEntry(handle.db, actor, 'country-reviews', 'ke-prevention', contextAt())).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await listStoredReviewEntries(handle.db, actor)).toMatchObject({ ok: false, code: 'forbidden' });
      expect(await reviewEntryFile(handle.db, actor, 'country-reviews', 'ke-prevention', contextAt())).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(await handle.db.selectFrom('stored_review_entries').select('entry_key').execute()).toEqual([]);
  });
});
