// The editor validates with the content schema: every field's error comes
// back under the field's own name, on both databases, and nothing is stored.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/server/db/connection';
import type { SessionUser } from '../../src/server/auth/sessions';
import { createEvent } from '../../src/server/event-editor/save-event';
import { editorValuesOf, type EditorValues } from '../../src/server/event-editor/event-form';
import type { EditorContext } from '../../src/server/event-editor/stored-event-rows';
import { DIALECTS, useMigratedDatabase } from '../support/databases';
import { frontMatter, TOPIC_SLUGS } from '../support/event-fixtures';
import { createMember } from '../support/members';
import { inEnglish } from '../support/messages-in-english';

const CONTEXT: EditorContext = { knownTopics: TOPIC_SLUGS, fileEvent: () => undefined, now: new Date('2027-01-01T00:00:00Z') };

function valid(collection: string, extra: Partial<Parameters<typeof frontMatter>[0]> = {}): EditorValues {
  const kindFields = collection === 'events' ? { kind: 'session' } : collection === 'side-events' ? { hostMeeting: 'CCPCJ 36' } : { workingGroup: 'firearms' };
  return { collection, slug: `valid-${collection}`, ...editorValuesOf(frontMatter({ ...kindFields, registration: { mode: 'reviewed', waitlist: false, eligibleTypes: ['ngo'] }, ...extra } as never), 'Body') };
}

// [what is wrong, collection, posted changes, field, part of the message]
const CASES: [string, string, EditorValues, string, string][] = [
  ['no collection', 'nowhere', {}, 'collection', 'Choose the kind of event'],
  ['a slug with capitals', 'dialogues', { slug: 'Bad Slug' }, 'slug', 'lower-case'],
  ['an empty title', 'dialogues', { title: '' }, 'title', 'must not be empty'],
  ['a title too long', 'dialogues', { title: 'x'.repeat(201) }, 'title', 'at most 200'],
  ['a slug too short', 'dialogues', { slug: 'ab' }, 'slug', 'at least 3'],
  ['a slug too long', 'dialogues', { slug: 'a'.repeat(81) }, 'slug', 'at most 80'],
  ['a status note too long', 'dialogues', { status: 'postponed', statusNote: 'x'.repeat(301) }, 'statusNote', 'at most 300'],
  ['a venue without its site', 'dialogues', { 'venue.site': '' }, 'venue.site', 'Fill in this field'],
  ['a room name too long', 'dialogues', { 'venue.room': 'x'.repeat(81) }, 'venue.room', 'at most 80'],
  ['an organiser name too long', 'dialogues', { organisers: `UNODC\n${'x'.repeat(161)}` }, 'organisers', 'at most 160'],
  ['a document without a title', 'dialogues', { 'documents.0.kind': 'report', 'documents.0.url': 'https://example.org/a.pdf' }, 'documents.0.title', 'Fill in this field'],
  ['a document language name instead of a code', 'dialogues', { 'documents.0.title': 'Note', 'documents.0.kind': 'report', 'documents.0.url': 'https://example.org/a.pdf', 'documents.0.language': 'English' }, 'documents.0.language', 'two-letter'],
  ['an external registration link that is no URL', 'dialogues', { 'registration.mode': 'external', 'registration.url': 'register here' }, 'registration.url', 'full URL'],
  ['a registration opening that is no date', 'dialogues', { 'registration.opens': 'soon' }, 'registration.opens', 'such as 2026-07-01T10:00'],
  ['a call opening that is no date', 'dialogues', { 'callForInput.opens': 'next week', 'callForInput.closes': '2027-02-01T00:00' }, 'callForInput.opens', 'such as 2026-07-01T10:00'],
  ['a guiding question too long', 'dialogues', { 'callForInput.opens': '2027-01-01T00:00', 'callForInput.closes': '2027-02-01T00:00', 'callForInput.questions': 'x'.repeat(501) }, 'callForInput.questions', 'at most 500'],
  ['a dialogue of an unknown working group', 'dialogues', { workingGroup: 'piracy' }, 'workingGroup', 'Choose one of'],
  ['an event of an unknown kind', 'events', { kind: 'conference' }, 'kind', 'Choose one of'],
  ['a host meeting too long', 'side-events', { hostMeeting: 'x'.repeat(201) }, 'hostMeeting', 'at most 200'],
  ['an empty summary', 'dialogues', { summary: ' ' }, 'summary', 'must not be empty'],
  ['a body too long', 'dialogues', { body: 'x'.repeat(50_001) }, 'body', 'at most 50,000'],
  ['a start that is no date', 'dialogues', { start: 'tomorrow' }, 'start', 'such as 2026-07-01T10:00'],
  ['an impossible end', 'dialogues', { end: '2027-02-30T10:00' }, 'end', 'not a real date'],
  ['an end before the start', 'dialogues', { end: '2027-03-09T10:00' }, 'end', 'must be after start'],
  ['an unknown time zone', 'dialogues', { timezone: 'Mars/Olympus' }, 'timezone', 'not an IANA time zone'],
  ['an unknown format', 'dialogues', { format: 'telepathy' }, 'format', 'Choose one of'],
  ['an in-person event without a venue', 'dialogues', { 'venue.site': '', 'venue.room': '', 'venue.city': '', 'venue.country': '' }, 'venue', 'needs a venue'],
  ['a venue without a city', 'dialogues', { 'venue.city': '' }, 'venue.city', 'Fill in this field'],
  ['a country name instead of a code', 'dialogues', { 'venue.country': 'Austria' }, 'venue.country', 'two-letter ISO'],
  ['a code that is not on the UN list', 'dialogues', { 'venue.country': 'XK' }, 'venue.country', 'not a country or area of the UN list'],
  ['no topic', 'dialogues', { topics: [] }, 'topics', 'at least one topic'],
  ['an unknown topic', 'dialogues', { topics: ['piracy'] }, 'topics', 'unknown topic "piracy"'],
  ['no organiser', 'dialogues', { organisers: '' }, 'organisers', 'at least one organiser'],
  ['a language name instead of a code', 'dialogues', { languages: 'English' }, 'languages', 'two-letter language code'],
  ['an unknown status', 'dialogues', { status: 'maybe' }, 'status', 'Choose one of'],
  ['a document without a link', 'dialogues', { 'documents.0.title': 'Concept note', 'documents.0.kind': 'concept-note' }, 'documents.0.url', 'full URL'],
  ['a document with an ftp link', 'dialogues', { 'documents.0.title': 'Note', 'documents.0.kind': 'report', 'documents.0.url': 'ftp://example.org/a.pdf' }, 'documents.0.url', 'http'],
  ['a document of no known kind', 'dialogues', { 'documents.0.title': 'Note', 'documents.0.kind': 'memo', 'documents.0.url': 'https://example.org/a.pdf' }, 'documents.0.kind', 'Choose one of'],
  ['registration settings without a mode', 'dialogues', { 'registration.mode': '', 'registration.capacityOnline': '10' }, 'registration.mode', 'Choose one of'],
  ['an external registration without a link', 'dialogues', { 'registration.mode': 'external' }, 'registration.url', 'needs the url'],
  ['a window closing before it opens', 'dialogues', { 'registration.opens': '2027-02-01T00:00', 'registration.closes': '2027-01-01T00:00' }, 'registration.closes', 'must be after opens'],
  ['a capacity in words', 'dialogues', { 'registration.capacityInPerson': 'fifty' }, 'registration.capacityInPerson', 'not valid'],
  ['a negative capacity', 'dialogues', { 'registration.capacityOnline': '-1' }, 'registration.capacityOnline', 'at least 0'],
  ['a per-organisation maximum of zero', 'dialogues', { 'registration.maxPerOrganisation': '0' }, 'registration.maxPerOrganisation', 'at least 1'],
  ['no eligible type', 'dialogues', { 'registration.eligibleTypes': ['pirates'] }, 'registration.eligibleTypes', 'Choose one of'],
  ['a call without a closing date', 'dialogues', { 'callForInput.opens': '2027-01-01T00:00' }, 'callForInput.closes', 'such as 2026-07-01T10:00'],
  ['a call closing before it opens', 'dialogues', { 'callForInput.opens': '2027-02-01T00:00', 'callForInput.closes': '2027-01-01T00:00' }, 'callForInput.closes', 'must be after opens'],
  ['a word limit under 50', 'dialogues', { 'callForInput.opens': '2027-01-01T00:00', 'callForInput.closes': '2027-02-01T00:00', 'callForInput.wordLimit': '10' }, 'callForInput.wordLimit', 'at least 50'],
  ['a dialogue without its working group', 'dialogues', { workingGroup: '' }, 'workingGroup', 'Choose one of'],
  ['an event without its kind', 'events', { kind: '' }, 'kind', 'Choose one of'],
  ['a side event without its host meeting', 'side-events', { hostMeeting: '' }, 'hostMeeting', 'Fill in this field'],
];

describe.each(DIALECTS)('the editor validates every field with the content schema on %s', (dialect) => {
  let handle: DatabaseHandle;
  let secretariat: SessionUser;
  useMigratedDatabase(dialect, async (opened) => {
    handle = opened;
    secretariat = await createMember(opened.db, null, 'secretariat');
  });

  it('accepts a valid event of each collection', async () => {
    for (const collection of ['events', 'side-events', 'dialogues']) {
      expect(await createEvent(handle.db, secretariat, valid(collection), CONTEXT), collection).toMatchObject({ ok: true });
    }
  });

  it.each(CASES)('refuses %s, with the message under its field', async (_what, collection, changes, field, message) => {
    const result = await createEvent(handle.db, secretariat, { ...valid(collection === 'nowhere' ? 'dialogues' : collection), collection, ...changes }, CONTEXT);
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
    expect(inEnglish(result.issues[field]), JSON.stringify(result.issues)).toContain(message);
    expect(await handle.db.selectFrom('stored_events').select('event_key').execute()).toEqual([]);
  });
});
