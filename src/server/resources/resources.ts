// The knowledge hub's entries, read once from the built content (they are
// fixed for the life of the process, like the event files).
import { getCollection } from 'astro:content';
import { ResourceShelf, type Resource } from './resource-list';

let shelf: Promise<ResourceShelf> | undefined;

export function loadResources(): Promise<ResourceShelf> {
  shelf ??= readResources();
  return shelf;
}

async function readResources(): Promise<ResourceShelf> {
  const entries = await getCollection('resources');
  const resources: Resource[] = entries.map((entry) => ({
    ...entry.data,
    slug: entry.id,
    href: entry.data.link ?? entry.data.file!,
    bodyText: entry.body ?? '',
  }));
  return new ResourceShelf(resources);
}
