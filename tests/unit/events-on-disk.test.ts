// The events as code outside Astro's handler reads them (the scheduled
// erasure and the CLI): the same keys and instants as the built catalogue.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS, eventIdOf, isOriginalMarkdown } from '../../src/server/content-directory';
import { readEventsOnDisk } from '../../src/server/events/events-on-disk';
import { portalEvent } from '../support/event-fixtures';

describe('events read from the content folder', () => {
  it('reads every event of the shipped content, keyed as the content loader keys them', async () => {
    const { events, problems } = await readEventsOnDisk(resolve('content'));
    expect(problems).toEqual([]);
    // Translations (`<name>.fr.md`) sit beside the originals and are not events.
    const files = COLLECTIONS.flatMap((collection) => readdirSync(resolve('content', collection)).filter(isOriginalMarkdown).map((file) => `${collection}/${file.slice(0, -3)}`));
    expect(events.map((event) => `${event.collection}/${event.slug}`).sort()).toEqual(files.sort());
  });

  it('resolves the end in the venue’s zone, like the catalogue, and names files as Astro does', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'whatson-content-'));
    try {
      mkdirSync(join(folder, 'topics'));
      mkdirSync(join(folder, 'dialogues'));
      writeFileSync(join(folder, 'topics', 'firearms.md'), '---\ntitle: Firearms\nsummary: Firearms.\n---\n');
      const front = [
        'title: Constructive dialogue on firearms', 'summary: Civil society and States discuss the Firearms Protocol.', 'start: "2027-03-10T10:00"', 'end: "2027-03-10T18:00"',
        'timezone: Europe/Vienna', 'format: hybrid', 'venue: { site: Vienna International Centre, room: Boardroom D, city: Vienna, country: AT }', 'topics: [firearms]',
        'organisers: [UNODC Civil Society Unit]', 'workingGroup: firearms',
      ];
      writeFileSync(join(folder, 'dialogues', 'Firearms Dialogue!.md'), `---\n${front.join('\n')}\n---\n`);
      writeFileSync(join(folder, 'dialogues', 'named.md'), `---\n${front.join('\n')}\nslug: chosen-slug\n---\n`);
      writeFileSync(join(folder, 'dialogues', 'bad.md'), `---\n${front.join('\n').replace('topics: [firearms]', 'topics: [piracy]')}\n---\n`);
      const { events, problems } = await readEventsOnDisk(folder);
      expect(events.map((event) => event.slug).sort()).toEqual(['chosen-slug', 'firearms-dialogue']);
      expect(events[0]!.end).toEqual(portalEvent('any').end);
      expect(problems).toEqual([expect.stringMatching(/bad\.md: topics\.0 unknown topic "piracy"/)]);
      expect(eventIdOf('2027-07-trafficking-in-persons.md', {})).toBe('2027-07-trafficking-in-persons');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
