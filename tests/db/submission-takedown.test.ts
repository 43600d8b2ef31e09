// Published input the secretariat takes down, and feeds built from whatever
// stored text: on both databases.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../src/i18n';
import type { DatabaseHandle } from '../../src/server/db/connection';
import { xmlCharacters } from '../../src/server/http/xml';
import { readPublicDataVersion } from '../../src/server/public-cache/public-data-version';
import { listModerationQueue, listOrganisationSubmissions, listPublishedSubmissionIds, listPublishedSubmissions } from '../../src/server/submissions/submission-lists';
import { renderSubmissionsRss } from '../../src/server/submissions/submissions-rss';
import { viewSubmission } from '../../src/server/submissions/submissions';
import { takeDownSubmission } from '../../src/server/submissions/takedown';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { HOSTILE_TEXT } from '../support/hostile-text';
import { createMember, createOrganisation } from '../support/members';
import { waitForMail } from '../support/outbox';
import { insertPublishedInput } from '../support/published-input';
import { elementsNamed, parseStrictXml } from '../support/strict-xml';
import { saying } from '../support/messages-in-english';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'whatson-takedown-'));
  process.env.OUTBOX_DIR = join(folder, 'outbox');
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const NOW = new Date('2027-02-01T10:00:00Z');
const CALL = 'dialogues/2027-03-firearms';
const t = messagesFor('en');
const ORIGIN = 'https://whatson.example.org';

describe.each(DIALECTS)('taking published input down on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  async function publishedInput() {
    const organisationId = await createOrganisation(handle.db, { name: 'Observatory on Firearms' });
    const focalPoint = await createMember(handle.db, organisationId, 'focal-point');
    const author = await createMember(handle.db, organisationId);
    const id = await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: 'Tracing in practice', topics: ['firearms'], callKey: CALL });
    return { organisationId, focalPoint, author, id };
  }

  it('the secretariat takes published input down with a reason', async () => {
    const { focalPoint, author, id } = await publishedInput();
    const staff = await createMember(handle.db, null, 'secretariat');
    const versionBefore = await readPublicDataVersion(handle.db);

    const result = await takeDownSubmission(handle.db, staff, id, { reason: '  It names a person at risk.  ' }, NOW);
    expect(result).toEqual({ ok: true, value: { state: 'taken-down' } });

    // Audited: who, when, why.
    const audit = await handle.db.selectFrom('audit_log').selectAll().where('subject_id', '=', id).execute();
    expect(audit).toMatchObject([{ action: 'submission.taken-down', actor_user_id: staff.id, at: NOW.toISOString(), reason: 'It names a person at risk.', subject_type: 'submission' }]);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ title: 'Tracing in practice' });

    // Gone from the archive, topic and dialogue pages, the feed and the sitemap; cached public pages are renewed.
    expect(await listPublishedSubmissions(handle.db)).toEqual([]);
    expect(await listPublishedSubmissions(handle.db, { topic: 'firearms' })).toEqual([]);
    expect(await listPublishedSubmissions(handle.db, { call: CALL })).toEqual([]);
    expect(await listPublishedSubmissionIds(handle.db)).toEqual([]);
    expect(renderSubmissionsRss(await listPublishedSubmissions(handle.db, {}, 50), ORIGIN, t, 'en')).not.toContain(id);
    expect(await readPublicDataVersion(handle.db)).toBeGreaterThan(versionBefore);

    // Gone to the public; its organisation and the secretariat still read it, with the reason.
    expect(await viewSubmission(handle.db, null, id)).toMatchObject({ ok: false, code: 'gone' });
    const stranger = await createMember(handle.db, await createOrganisation(handle.db));
    expect(await viewSubmission(handle.db, stranger, id)).toMatchObject({ ok: false, code: 'gone' });
    expect(await viewSubmission(handle.db, author, id)).toMatchObject({ ok: true, value: { editable: false, row: { state: 'taken-down', secretariat_note: 'It names a person at risk.' } } });
    expect(await viewSubmission(handle.db, staff, id)).toMatchObject({ ok: true, value: { row: { state: 'taken-down' } } });
    expect(await listOrganisationSubmissions(handle.db, author)).toMatchObject({ ok: true, value: [{ id, state: 'taken-down', note: 'It names a person at risk.' }] });
    expect(await listModerationQueue(handle.db, staff, { state: 'taken-down' })).toMatchObject({ ok: true, value: [{ id }] });

    // The organisation is told why: the author and the focal point.
    const mails = await waitForMail(join(folder, 'outbox'), (mail) => mail.raw.includes(`/submissions/${id}`), 2);
    expect(mails.map((mail) => mail.to).sort()).toEqual([author.email, focalPoint.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe('Your written input has been taken down: Tracing in practice');
      expect(mail.raw).toContain('It names a person at risk.');
    }
  });

  it('takes it down once: a second attempt, or one on input that is not published, is a conflict', async () => {
    const { author, organisationId, id } = await publishedInput();
    const staff = await createMember(handle.db, null, 'secretariat');
    const [first, second] = await Promise.all([
      takeDownSubmission(handle.db, staff, id, { reason: 'First.' }, NOW),
      takeDownSubmission(handle.db, staff, id, { reason: 'Second.' }, NOW),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect([first, second].find((result) => !result.ok)).toMatchObject({ code: 'conflict' });
    expect(await handle.db.selectFrom('audit_log').select('reason').where('subject_id', '=', id).execute()).toHaveLength(1);

    const draftId = await insertPublishedInput(handle.db, { organisationId, authorId: author.id });
    await handle.db.updateTable('submissions').set({ state: 'submitted', published_at: null }).where('id', '=', draftId).execute();
    expect(await takeDownSubmission(handle.db, staff, draftId, { reason: 'Not yet.' }, NOW)).toMatchObject({ ok: false, code: 'conflict' });
    expect(await takeDownSubmission(handle.db, staff, 'abcdefghijklmnopqrstuvwxyz234567', { reason: 'Nothing.' }, NOW)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('asks for a reason, and lets only the secretariat take input down', async () => {
    const { author, focalPoint, id } = await publishedInput();
    const staff = await createMember(handle.db, null, 'secretariat');
    expect(await takeDownSubmission(handle.db, staff, id, { reason: '   ' }, NOW)).toMatchObject({ ok: false, code: 'invalid', issues: { reason: saying('reason') } });
    expect(await takeDownSubmission(handle.db, staff, id, {}, NOW)).toMatchObject({ ok: false, code: 'invalid', issues: { reason: saying('Write the reason') } });
    expect(await takeDownSubmission(handle.db, staff, id, { reason: 'x'.repeat(2001) }, NOW)).toMatchObject({ ok: false, code: 'invalid' });
    for (const actor of [null, author, focalPoint]) expect(await takeDownSubmission(handle.db, actor, id, { reason: 'Mine.' }, NOW)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await listPublishedSubmissionIds(handle.db)).toEqual([{ id, publishedAt: expect.any(String) }]);
  });
});

describe.each(DIALECTS)('feeds stay well-formed XML after hostile input stored on %s', (dialect) => {
  let handle: DatabaseHandle;
  useMigratedDatabase(dialect, (opened) => {
    handle = opened;
  });

  it('renders the input RSS from stored bodies, titles and organisation names with control characters, ]]> and markup', async () => {
    const name = 'Name with \x0c\x01 and <script>alert(1)</script>';
    const organisationId = await createOrganisation(handle.db, { name });
    const author = await createMember(handle.db, organisationId);
    for (const [index, hostile] of HOSTILE_TEXT.entries()) {
      await insertPublishedInput(handle.db, { organisationId, authorId: author.id, title: hostile, body: `Body \x01\x0b ${hostile}`, publishedAt: new Date(Date.UTC(2027, 0, 1 + index)).toISOString() });
    }
    const rss = renderSubmissionsRss(await listPublishedSubmissions(handle.db, {}, 50), ORIGIN, t, 'en');
    const items = elementsNamed(parseStrictXml(rss), 'item');
    expect(items).toHaveLength(HOSTILE_TEXT.length);
    for (const item of items) expect(elementsNamed(item, 'title')[0]!.text.startsWith(`${xmlCharacters(name)}: `)).toBe(true);
  });
});
