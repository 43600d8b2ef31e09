// The events, read from the content folder by code that runs outside Astro's
// handler (the scheduled jobs started with the server, and the admin CLI),
// where astro:content does not exist. It reads what the build reads
// (WHATSON_CONTENT_DIR) with the parser Astro's glob loader uses
// (astro/markdown), the same schemas and the same conversion to PortalEvent,
// and names each entry as that loader does (eventIdOf), so keys match the
// ones registrations store.
import { readFile } from 'node:fs/promises';
import { contentDirectory, eventFilesOnDisk, eventIdOf, topicSlugsOnDisk, type CollectionName } from '../content-directory';
import { dialogueSchema, eventSchema, sideEventSchema } from './schema';
import { toPortalEvent, type EventEntryData, type PortalEvent } from './portal-event';
import { translate } from '../../i18n/translate';
import { messageOfIssue } from '../result';
import { readContentTranslations } from '../translations/translation-files';

export interface EventsOnDisk {
  events: PortalEvent[];
  /** Files the build would have refused, or could not be read: "<file>: <why>". */
  problems: string[];
}

export async function readEventsOnDisk(directory = contentDirectory()): Promise<EventsOnDisk> {
  // Loaded only here: the parser pulls in part of Astro's build tooling.
  const { parseFrontmatter } = await import('astro/markdown');
  const topics = topicSlugsOnDisk(directory);
  const schemas: Record<CollectionName, ReturnType<typeof eventSchema | typeof sideEventSchema | typeof dialogueSchema>> = {
    events: eventSchema(topics),
    'side-events': sideEventSchema(topics),
    dialogues: dialogueSchema(topics),
  };
  const events: PortalEvent[] = [];
  const problems: string[] = [];
  const translations = readContentTranslations(directory);
  for await (const { collection, fileName, path } of eventFilesOnDisk(directory)) {
    try {
      const { frontmatter } = parseFrontmatter(await readFile(path, 'utf8'));
      const parsed = schemas[collection].safeParse(frontmatter);
      if (!parsed.success) {
        problems.push(`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${translate('en', messageOfIssue(issue))}`).join('; ')}`);
        continue;
      }
      events.push(toPortalEvent(collection, eventIdOf(fileName, frontmatter), parsed.data as EventEntryData, new Map(), translations.get(`${collection}/${fileName.slice(0, -3)}`)));
    } catch (error) {
      problems.push(`${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { events, problems };
}
