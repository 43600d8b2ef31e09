// Generated content for the benchmark: many events across the three
// collections, several zones and formats, some cancelled or postponed.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ZONES = ['Europe/Vienna', 'Africa/Nairobi', 'America/New_York', 'Asia/Bangkok'];
const TOPICS = ['trafficking-in-persons', 'smuggling-of-migrants', 'firearms', 'organized-crime', 'international-cooperation', 'technical-assistance'];
const FORMATS = ['in-person', 'online', 'hybrid'];
const COLLECTIONS = ['events', 'side-events', 'dialogues'];

const pad = (value) => String(value).padStart(2, '0');

export function generateContent(dir, count, topicsFrom) {
  for (const collection of COLLECTIONS) mkdirSync(join(dir, collection), { recursive: true });
  cpSync(topicsFrom, join(dir, 'topics'), { recursive: true });
  for (let index = 0; index < count; index++) {
    const collection = COLLECTIONS[index % 3];
    const day = new Date(Date.UTC(2027, 0, 1) + (index % 700) * 86_400_000);
    const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`;
    // Not index % 3: that is the collection, and every event of a collection would share one format.
    const format = FORMATS[Math.floor(index / 3) % 3];
    const status = index % 97 === 0 ? 'cancelled' : index % 89 === 0 ? 'postponed' : 'scheduled';
    const extra = { events: 'kind: briefing', 'side-events': 'hostMeeting: Thirty-sixth session of the CCPCJ', dialogues: `workingGroup: ${TOPICS[index % 5] === 'organized-crime' ? 'firearms' : TOPICS[index % 5]}` }[collection];
    const lines = [
      '---',
      `title: "Generated event ${index}: ${TOPICS[index % 6].replace(/-/g, ' ')}"`,
      `summary: "A generated event for the benchmark, number ${index}, on ${TOPICS[index % 6]}."`,
      `start: "${date}T${pad(9 + (index % 8))}:00"`,
      `end: "${date}T${pad(10 + (index % 8))}:30"`,
      `timezone: ${ZONES[index % ZONES.length]}`,
      `format: ${format}`,
      format === 'online' ? '' : 'venue: { site: Vienna International Centre, room: M5, city: Vienna, country: AT }',
      `topics: [${TOPICS[index % 6]}, ${TOPICS[(index + 1) % 6]}]`,
      'organisers: [UNODC Civil Society Unit]',
      `status: ${status}`,
      status === 'scheduled' ? '' : 'statusNote: Generated status note.',
      extra,
      'illustrative: true',
      '---',
      `Generated body ${index}.`,
      '',
    ].filter((line) => line !== '');
    writeFileSync(join(dir, collection, `generated-${index}.md`), `${lines.join('\n')}\n`);
  }
}
