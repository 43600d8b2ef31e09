// The secretariat's editor on both databases: versions, publication, slugs
// chosen once, files overridden by stored versions, and registrants told.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { createEvent, saveEvent, SLUG_TAKEN } from '../../src/server/event-editor/save-event';
import { unpublishEvent } from '../../src/server/event-editor/unpublish-event';
import { listStoredEvents } from '../../src/server/event-editor/open-editor';
import { importEvents } from '../../src/server/event-editor/event-transfer';
import { writeEventFiles } from '../../src/server/event-editor/event-files';
import { diffVersions, readHistory, restoreVersion } from '../../src/server/event-editor/event-history';
import { editorValuesOf, type EditorValues } from '../../src/server/event-editor/event-form';
import { readStoredEventChanges } from '../../src/server/event-editor/stored-event-changes';
import { listVersions, type EditorContext, type FileEvent } from '../../src/server/event-editor/stored-event-rows';
import { assembleCatalogue, StoredEventState } from '../../src/server/events/catalogue-assembly';
import { applyForEvent } from '../../src/server/registrations/apply';
import { deliverQueuedMail } from '../../src/server/mail/outgoing-mail';
import type { EventEntryData } from '../../src/server/events/portal-event';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { frontMatter, portalEvent, TOPIC_SLUGS, TOPIC_TITLES } from '../support/event-fixtures';
import { createMember, createOrganisation } from '../support/members';
import { calendarAttachments, useTemporaryOutbox, waitForMail } from '../support/outbox';
import { saying } from '../support/messages-in-english';

const outbox = useTemporaryOutbox();
const NOW = new Date('2027-05-01T12:00:00Z');
const FILE_SLUG = '2027-03-firearms-dialogue';
const FILE: FileEvent = { data: frontMatter({ workingGroup: 'firearms' }), body: 'From the **file**.' };

function contextAt(now = NOW): EditorContext {
  return { knownTopics: TOPIC_SLUGS, fileEvent: (collection, slug) => (collection === 'dialogues' && slug === FILE_SLUG ? FILE : undefined), now };
}

function dialogueValues(overrides: Partial<EventEntryData> = {}, extra: EditorValues = {}): EditorValues {
  const data = frontMatter({
    title: 'Dialogue on smuggling of migrants',
    start: '2027-07-06T10:00',
    end: '2027-07-06T18:00',
    topics: ['smuggling-of-migrants'],
    workingGroup: 'smuggling-of-migrants',
    illustrative: false,
    registration: { mode: 'open', opens: '2027-04-01T00:00', closes: '2027-06-15T23:59', capacityInPerson: 20, capacityOnline: 100, waitlist: true, eligibleTypes: ['ngo', 'academia'] },
    callForInput: { opens: '2027-04-01T00:00', closes: '2027-06-01T23:59', questions: ['What works?', 'What does not?'], wordLimit: 800 },
    documents: [{ title: 'Concept note', kind: 'concept-note', url: 'https://www.unodc.org/note.pdf', language: 'en' }],
    ...overrides,
  });
  return { collection: 'dialogues', slug: '2027-07-smuggling-dialogue', ...editorValuesOf(data, 'Come and **talk**.'), ...extra };
}

/** The process "dies" when a version row is about to be written: after the address is reserved, before the first version exists. */
class DiesBeforeTheFirstVersion implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind === 'InsertQueryNode' && node.into?.table.identifier.name === 'stored_event_versions') throw new Error('the process died here');
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

async function catalogueOf(db: DatabaseHandle['db']) {
  const state = new StoredEventState();
  state.apply(await readStoredEventChanges(db, 0), TOPIC_TITLES);
  const fileEvent = portalEvent(FILE_SLUG, FILE.data);
  return assembleCatalogue({ topics: [], events: [fileEvent], entries: new Map([[`dialogues/${FILE_SLUG}`, 'file entry']]) }, state);
}

describe.each(DIALECTS)('the event editor on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  it('creates a dialogue with every field as a draft the public does not see, then publishes it into the catalogue', async () => {
    const draft = await createEvent(handle.db, secretariat, dialogueValues(), contextAt());
    expect(draft).toMatchObject({ ok: true, value: { version: 1, published: false } });
    expect((await catalogueOf(handle.db)).findEvent('dialogues', '2027-07-smuggling-dialogue')).toBeUndefined();

    const published = await saveEvent(handle.db, secretariat, 'dialogues', '2027-07-smuggling-dialogue', { ...dialogueValues(), action: 'publish' }, contextAt());
    expect(published).toMatchObject({ ok: true, value: { version: 2, published: true } });
    const catalogue = await catalogueOf(handle.db);
    const event = catalogue.findEvent('dialogues', '2027-07-smuggling-dialogue')!;
    expect(event).toMatchObject({
      title: 'Dialogue on smuggling of migrants',
      workingGroup: 'smuggling-of-migrants',
      registration: { mode: 'open', capacityInPerson: 20, capacityOnline: 100, waitlist: true, eligibleTypes: ['ngo', 'academia'] },
      callForInput: { questions: ['What works?', 'What does not?'], wordLimit: 800 },
      documents: [{ title: 'Concept note', kind: 'concept-note' }],
      venue: { site: 'Vienna International Centre', room: 'Boardroom D' },
    });
    expect(event.start.toISOString()).toBe('2027-07-06T08:00:00.000Z');
    expect(catalogue.events.map((listed) => listed.slug)).toEqual([FILE_SLUG, '2027-07-smuggling-dialogue']);
    expect(catalogue.storedBodyHtml(event)).toBe('<p>Come and <strong>talk</strong>.</p>\n');
    expect(catalogue.entryOf(event)).toBeUndefined();
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'subject_id']).execute();
    expect(audit).toEqual([{ action: 'event.published', subject_id: 'dialogues/2027-07-smuggling-dialogue' }]);
  });

  it('chooses a slug once: a second event at a stored or file address is refused', async () => {
    expect((await createEvent(handle.db, secretariat, dialogueValues(), contextAt())).ok).toBe(true);
    expect(await createEvent(handle.db, secretariat, dialogueValues(), contextAt())).toMatchObject({ ok: false, code: 'invalid', issues: { slug: SLUG_TAKEN } });
    expect(await createEvent(handle.db, secretariat, dialogueValues({}, { slug: FILE_SLUG }), contextAt())).toMatchObject({ ok: false, issues: { slug: SLUG_TAKEN } });
    expect(await createEvent(handle.db, secretariat, dialogueValues({}, { slug: 'Not A Slug' }), contextAt())).toMatchObject({ ok: false, issues: { slug: saying('lower-case') } });
    // Saving never moves an event: an address or kind posted with it is ignored.
    const saved = await saveEvent(handle.db, secretariat, 'dialogues', '2027-07-smuggling-dialogue', dialogueValues({ title: 'Renamed' }, { collection: 'events', slug: 'another-address' }), contextAt());
    expect(saved).toMatchObject({ ok: true, value: { collection: 'dialogues', slug: '2027-07-smuggling-dialogue', version: 2 } });
    expect(await handle.db.selectFrom('stored_events').select(['event_key', 'collection', 'slug']).execute()).toEqual([{ event_key: 'dialogues/2027-07-smuggling-dialogue', collection: 'dialogues', slug: '2027-07-smuggling-dialogue' }]);
  });

  it('leaves no empty reserved address behind when it fails between reserving the address and saving the first version', async () => {
    const dying = handle.db.withPlugin(new DiesBeforeTheFirstVersion());
    await expect(createEvent(dying, secretariat, dialogueValues(), contextAt())).rejects.toThrow('the process died here');
    const folder = mkdtempSync(join(tmpdir(), 'whatson-import-'));
    try {
      await writeEventFiles(folder, [{ collection: 'dialogues', slug: 'imported-dialogue', data: frontMatter({ workingGroup: 'firearms' }), body: 'Imported.' }], folder);
      await expect(importEvents(dying, secretariat, folder, contextAt())).rejects.toThrow('the process died here');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(await handle.db.selectFrom('stored_events').select('event_key').execute()).toEqual([]);
    expect(await listStoredEvents(handle.db, secretariat)).toEqual({ ok: true, value: [] });
    // The address is still free: the same event can be created once the database answers again.
    expect(await createEvent(handle.db, secretariat, dialogueValues(), contextAt())).toMatchObject({ ok: true, value: { version: 1 } });
    expect(await listStoredEvents(handle.db, secretariat)).toMatchObject({ ok: true, value: [{ slug: '2027-07-smuggling-dialogue', latestVersion: 1, state: 'draft' }] });
  });

  it('refuses anyone but the secretariat', async () => {
    const member = await createMember(handle.db, await createOrganisation(handle.db), 'focal-point');
    expect(await createEvent(handle.db, member, dialogueValues(), contextAt())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await createEvent(handle.db, null, dialogueValues(), contextAt())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await saveEvent(handle.db, member, 'dialogues', FILE_SLUG, editorValuesOf(FILE.data, FILE.body), contextAt())).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('keeps the file as version 1 when a file event is first edited, and from then on the stored version wins', async () => {
    const values = { ...editorValuesOf(FILE.data, FILE.body), title: 'Firearms dialogue (edited in the browser)', action: 'publish' };
    expect(await saveEvent(handle.db, secretariat, 'dialogues', FILE_SLUG, values, contextAt())).toMatchObject({ ok: true, value: { version: 2 } });
    const versions = await listVersions(handle.db, `dialogues/${FILE_SLUG}`);
    expect(versions.map((version) => [version.version, version.note, version.data.title])).toEqual([
      [2, 'published', 'Firearms dialogue (edited in the browser)'],
      [1, 'file', FILE.data.title],
    ]);
    const catalogue = await catalogueOf(handle.db);
    expect(catalogue.events).toHaveLength(1);
    expect(catalogue.findEvent('dialogues', FILE_SLUG)?.title).toBe('Firearms dialogue (edited in the browser)');
    expect(catalogue.isStored(catalogue.events[0]!)).toBe(true);
  });

  it('takes an event off the site with a reason in the audit log, a file event too', async () => {
    expect(await unpublishEvent(handle.db, secretariat, 'dialogues', FILE_SLUG, { reason: '' }, contextAt())).toMatchObject({ ok: false, issues: { reason: saying('Say why') } });
    expect(await unpublishEvent(handle.db, secretariat, 'dialogues', FILE_SLUG, { reason: 'Merged into the June session.' }, contextAt())).toMatchObject({ ok: true });
    expect((await catalogueOf(handle.db)).events).toEqual([]);
    const audit = await handle.db.selectFrom('audit_log').select(['action', 'reason']).execute();
    expect(audit).toEqual([{ action: 'event.unpublished', reason: 'Merged into the June session.' }]);
  });

  it('tells each active registrant once when the event moves, with a higher SEQUENCE, and cancels it in their calendars', async () => {
    const slug = '2027-07-smuggling-dialogue';
    await createEvent(handle.db, secretariat, { ...dialogueValues(), action: 'publish' }, contextAt());
    await saveEvent(handle.db, secretariat, 'dialogues', slug, { ...dialogueValues(), action: 'publish' }, contextAt());
    const organisation = await createOrganisation(handle.db);
    const person = await createMember(handle.db, organisation, 'focal-point');
    const event = (await catalogueOf(handle.db)).findEvent('dialogues', slug)!;
    expect((await applyForEvent(handle.db, person, event, { mode: 'online' }, NOW)).ok).toBe(true);

    const moved = await saveEvent(handle.db, secretariat, 'dialogues', slug, { ...dialogueValues({ start: '2027-07-07T10:00', end: '2027-07-07T18:00' }), action: 'publish' }, contextAt());
    expect(moved).toMatchObject({ ok: true, value: { told: 1 } });
    const unchanged = await saveEvent(handle.db, secretariat, 'dialogues', slug, { ...dialogueValues({ start: '2027-07-07T10:00', end: '2027-07-07T18:00', summary: 'New words only.' }), action: 'publish' }, contextAt());
    expect(unchanged).toMatchObject({ ok: true, value: { told: 0 } });
    const cancelled = await saveEvent(handle.db, secretariat, 'dialogues', slug, { ...dialogueValues({ start: '2027-07-07T10:00', end: '2027-07-07T18:00', summary: 'New words only.', status: 'cancelled', statusNote: 'The room is closed.' }), action: 'publish' }, contextAt());
    expect(cancelled).toMatchObject({ ok: true, value: { told: 1 } });
    await deliverQueuedMail(handle.db);

    const mails = await waitForMail(outbox, (mail) => mail.to.includes(person.email) && /^(Changed|Cancelled):/.test(mail.subject), 2);
    expect(mails.map((mail) => mail.subject)).toEqual(['Changed: Dialogue on smuggling of migrants', 'Cancelled: Dialogue on smuggling of migrants']);
    const [update, cancel] = mails.map((mail) => ICAL.Component.fromString(calendarAttachments(mail)[0]!));
    expect(update!.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(cancel!.getFirstPropertyValue('method')).toBe('CANCEL');
    const sequences = [update, cancel].map((calendar) => Number(calendar!.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')));
    expect(sequences[1]).toBeGreaterThan(sequences[0]!);
    expect(sequences[0]).toBeGreaterThan(0);
    const actions = (await handle.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'event').execute()).map((row) => row.action);
    expect(actions).toContain('event.cancelled');
  });

  it('keeps every save as a version with who and when, shows the difference field by field, and restores one as a new draft', async () => {
    const slug = '2027-07-smuggling-dialogue';
    await createEvent(handle.db, secretariat, { ...dialogueValues(), action: 'publish' }, contextAt());
    await saveEvent(handle.db, secretariat, 'dialogues', slug, { ...dialogueValues({ start: '2027-07-07T10:00', end: '2027-07-07T18:00' }), action: 'publish' }, contextAt(new Date('2027-05-02T08:00:00Z')));
    await saveEvent(handle.db, secretariat, 'dialogues', slug, { ...dialogueValues({ status: 'cancelled', statusNote: 'Room closed.' }), action: 'publish' }, contextAt(new Date('2027-05-03T08:00:00Z')));
    const history = await readHistory(handle.db, secretariat, 'dialogues', slug);
    expect(history.ok).toBe(true);
    if (!history.ok) return;
    expect(history.value.map((version) => [version.version, version.note, version.savedByName, version.savedAt.toISOString()])).toEqual([
      [3, 'published', secretariat.name, '2027-05-03T08:00:00.000Z'],
      [2, 'published', secretariat.name, '2027-05-02T08:00:00.000Z'],
      [1, 'published', secretariat.name, NOW.toISOString()],
    ]);
    expect(diffVersions(history.value[2]!, history.value[1]!)).toEqual([
      { field: 'start', before: '2027-07-06T10:00', after: '2027-07-07T10:00' },
      { field: 'end', before: '2027-07-06T18:00', after: '2027-07-07T18:00' },
    ]);
    expect(await readHistory(handle.db, await createMember(handle.db, await createOrganisation(handle.db)), 'dialogues', slug)).toMatchObject({ ok: false, code: 'forbidden' });

    expect(await restoreVersion(handle.db, secretariat, 'dialogues', slug, { version: '9' }, contextAt())).toMatchObject({ ok: false, issues: { version: saying('Choose a version from the list') } });
    const restored = await restoreVersion(handle.db, secretariat, 'dialogues', slug, { version: '1' }, contextAt());
    expect(restored).toMatchObject({ ok: true, value: { version: 4, from: 1, published: false } });
    const latest = await listVersions(handle.db, `dialogues/${slug}`);
    expect(latest[0]).toMatchObject({ version: 4, note: 'restored 1', data: { start: '2027-07-06T10:00', status: 'scheduled' } });
    // A restored version is a draft: the site still shows version 3 until it is published.
    expect((await catalogueOf(handle.db)).findEvent('dialogues', slug)?.status).toBe('cancelled');
  });
});
