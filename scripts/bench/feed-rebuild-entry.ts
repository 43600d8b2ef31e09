// Bundled by scripts/bench/public.mjs: how long it takes to assemble every
// feed again after one event changed, with the other VEVENTs cached.
import { publicFeed, type FeedSource } from '../../src/server/calendar/public-feeds';
import type { EventVersion } from '../../src/server/calendar/event-versions';
import { toPortalEvent, type EventEntryData } from '../../src/server/events/portal-event';
import { eventKey } from '../../src/server/registrations/application-window';

const TOPICS = ['trafficking-in-persons', 'smuggling-of-migrants', 'firearms', 'organized-crime', 'international-cooperation', 'technical-assistance'];
const ZONES = ['Europe/Vienna', 'Africa/Nairobi', 'America/New_York', 'Asia/Bangkok'];
const COLLECTIONS = ['events', 'side-events', 'dialogues'] as const;

function entry(index: number, hour = 10): EventEntryData {
  const day = new Date(Date.UTC(2027, 0, 1) + (index % 700) * 86_400_000).toISOString().slice(0, 10);
  return {
    title: `Generated event ${index}`,
    summary: `A generated event for the benchmark, number ${index}.`,
    start: `${day}T${String(hour).padStart(2, '0')}:00`,
    end: `${day}T${String(hour + 1).padStart(2, '0')}:30`,
    timezone: ZONES[index % ZONES.length]!,
    format: 'hybrid',
    venue: { site: 'Vienna International Centre', room: 'M5', city: 'Vienna', country: 'AT' },
    topics: [TOPICS[index % 6]!, TOPICS[(index + 1) % 6]!],
    organisers: ['UNODC Civil Society Unit'],
    languages: ['en'],
    status: index % 97 === 0 ? 'cancelled' : 'scheduled',
    documents: [],
    illustrative: true,
  };
}

/** Every public feed the portal offers, as its routes ask for them: everything, per collection, per topic. */
function allFeeds(source: FeedSource, versions: ReadonlyMap<string, EventVersion>) {
  const origin = 'https://whatson.example.org';
  publicFeed({}, source, versions, origin);
  for (const collection of COLLECTIONS) publicFeed({ collection }, source, versions, origin);
  for (const topic of TOPICS) publicFeed({ topic }, source, versions, origin);
}

export function measureFeedRebuild(count: number): { coldMs: number; rebuildMs: number } {
  const titles = new Map(TOPICS.map((topic) => [topic, topic]));
  const events = Array.from({ length: count }, (_, index) => toPortalEvent(COLLECTIONS[index % 3]!, `generated-${index}`, entry(index), titles));
  const stamp = new Date('2027-01-01T00:00:00Z');
  const versions = new Map(events.map((event) => [eventKey(event), { sequence: 0, lastModified: stamp }]));

  let started = performance.now();
  allFeeds({ events, topicSlugs: TOPICS, topicTitles: titles }, versions);
  const coldMs = performance.now() - started;

  // One event moves by two hours: a new fingerprint, a new sequence, every feed assembled again. As in the
  // portal, the changed catalogue is a new list (the other events the same objects) with new versions.
  const changed = toPortalEvent('events', 'generated-0', entry(0, 12), titles);
  const changedEvents = [changed, ...events.slice(1)];
  const changedVersions = new Map(versions).set(eventKey(changed), { sequence: 1, lastModified: new Date() });
  started = performance.now();
  allFeeds({ events: changedEvents, topicSlugs: TOPICS, topicTitles: titles }, changedVersions);
  return { coldMs, rebuildMs: performance.now() - started };
}
