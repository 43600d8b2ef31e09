// Bundled by scripts/bench/editor.mjs: the cost of a save in the browser and
// of seeing it on another instance, with 5,000 events (half from files, half
// stored), on a SQLite file of its own.
import { join } from 'node:path';
import { openDatabase } from '../../src/server/db/connection';
import { migrateToLatest } from '../../src/server/db/migrate';
import { readStoredEventChanges } from '../../src/server/event-editor/stored-event-changes';
import { saveEvent } from '../../src/server/event-editor/save-event';
import { editorValuesOf } from '../../src/server/event-editor/event-form';
import { assembleCatalogue, StoredEventState } from '../../src/server/events/catalogue-assembly';
import { dialogueSchema } from '../../src/server/events/schema';
import { toPortalEvent, type EventEntryData } from '../../src/server/events/portal-event';

const TOPICS = ['trafficking-in-persons', 'smuggling-of-migrants', 'firearms', 'organized-crime', 'international-cooperation', 'technical-assistance'];

function entry(index: number, title = `Event ${index}`): EventEntryData & { workingGroup: string } {
  const day = new Date(Date.UTC(2027, 0, 1) + (index % 700) * 86_400_000).toISOString().slice(0, 10);
  return {
    title, summary: `Generated ${index}.`, start: `${day}T10:00`, end: `${day}T12:00`, timezone: 'Europe/Vienna', format: 'hybrid',
    venue: { site: 'Vienna International Centre', city: 'Vienna', country: 'AT' }, topics: [TOPICS[index % 6]!], organisers: ['UNODC'], languages: ['en'],
    status: 'scheduled', documents: [], illustrative: true, workingGroup: 'firearms',
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

/** `count` published dialogues stored-0 … stored-<count-1>, as if saved in the browser, and the secretariat account that saved them. */
async function seedStored(handle: ReturnType<typeof openDatabase>, count: number): Promise<void> {
  await migrateToLatest(handle);
  const db = handle.db;
  const at = new Date().toISOString();
  await db.insertInto('users').values({ id: 'bench-secretariat', email: 'bench@example.org', name: 'Bench', job_title: null, organisation_id: null, role: 'secretariat', password_hash: null, email_verified_at: at, created_at: at, updated_at: at }).execute();
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < count; start += 250) {
      const indexes = Array.from({ length: Math.min(250, count - start) }, (_, offset) => start + offset);
      await trx.insertInto('stored_events').values(indexes.map((index) => ({ event_key: `dialogues/stored-${index}`, collection: 'dialogues', slug: `stored-${index}`, origin: 'browser' as const, state: 'published' as const, latest_version: 1, published_version: 1, unpublish_reason: null, change_seq: index + 1, created_by: 'bench-secretariat', created_at: at, updated_at: at }))).execute();
      await trx.insertInto('stored_event_versions').values(indexes.map((index) => ({ event_key: `dialogues/stored-${index}`, version: 1, data: JSON.stringify(entry(index)), body: `Body ${index}`, saved_by: 'bench-secretariat', saved_at: at, note: 'published' }))).execute();
    }
    await trx.updateTable('stored_event_changes').set({ seq: count }).where('id', '=', 1).execute();
  });
}

/** Seeds a portal's own SQLite file before it starts, so it serves files and stored events side by side. */
export async function seedStoredEvents(file: string, count: number): Promise<void> {
  const handle = openDatabase({ kind: 'sqlite', file });
  try {
    await seedStored(handle, count);
  } finally {
    await handle.close();
  }
}

export async function measureEditor(tempDir: string, total: number, saves: number) {
  const stored = Math.floor(total / 2);
  const handle = openDatabase({ kind: 'sqlite', file: join(tempDir, 'editor-bench.sqlite') });
  try {
    await seedStored(handle, stored);
    const db = handle.db;
    const topicTitles = new Map(TOPICS.map((topic) => [topic, topic]));
    const files = { topics: [], events: Array.from({ length: total - stored }, (_, index) => toPortalEvent('events', `file-${index}`, entry(index), topicTitles)), entries: new Map() };
    const schema = dialogueSchema(TOPICS);

    let started = performance.now();
    const all = await readStoredEventChanges(db, 0);
    for (const change of all) schema.parse(change.shown!.data);
    const liveState = new StoredEventState();
    liveState.apply(all, topicTitles);
    assembleCatalogue(files, liveState);
    const livePerRequestMs = performance.now() - started;

    started = performance.now();
    const state = new StoredEventState();
    state.apply(await readStoredEventChanges(db, 0), topicTitles);
    let catalogue = assembleCatalogue(files, state);
    const firstLoadMs = performance.now() - started;

    const idle: number[] = [];
    const save: number[] = [];
    const refresh: number[] = [];
    const actor = { id: 'bench-secretariat', email: 'bench@example.org', name: 'Bench', role: 'secretariat' as const, organisationId: null, emailVerified: true };
    for (let round_ = 0; round_ < saves; round_++) {
      started = performance.now();
      await readStoredEventChanges(db, state.lastSeq);
      idle.push(performance.now() - started);
      const index = (round_ * 37) % stored;
      started = performance.now();
      const result = await saveEvent(db, actor, 'dialogues', `stored-${index}`, { ...editorValuesOf(entry(index, `Saved ${round_}`), 'Body'), action: 'publish' }, { knownTopics: TOPICS, fileEvent: () => undefined, now: new Date() });
      save.push(performance.now() - started);
      if (!result.ok) throw new Error(`save failed: ${JSON.stringify(result)}`);
      started = performance.now();
      if (state.apply(await readStoredEventChanges(db, state.lastSeq), topicTitles)) catalogue = assembleCatalogue(files, state);
      refresh.push(performance.now() - started);
      if (catalogue.findEvent('dialogues', `stored-${index}`)?.title !== `Saved ${round_}`) throw new Error('the save did not reach the catalogue');
    }
    return {
      total, stored, saves,
      livePerRequestMs: round(livePerRequestMs), firstLoadMs: round(firstLoadMs),
      idleMedianMs: round(median(idle)), saveMedianMs: round(median(save)), saveMaxMs: round(Math.max(...save)),
      refreshMedianMs: round(median(refresh)), refreshMaxMs: round(Math.max(...refresh)),
    };
  } finally {
    await handle.close();
  }
}
