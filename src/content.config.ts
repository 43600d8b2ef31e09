import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { contentDirectory, topicSlugsOnDisk } from './server/content-directory';
import { dialogueSchema, eventSchema, sideEventSchema, topicSchema } from './server/events/schema';

const root = contentDirectory();
const topics = topicSlugsOnDisk(root);
const markdownIn = (folder: string) => glob({ pattern: '*.md', base: `${root}/${folder}` });

export const collections = {
  topics: defineCollection({ loader: markdownIn('topics'), schema: topicSchema }),
  events: defineCollection({ loader: markdownIn('events'), schema: eventSchema(topics) }),
  'side-events': defineCollection({ loader: markdownIn('side-events'), schema: sideEventSchema(topics) }),
  dialogues: defineCollection({ loader: markdownIn('dialogues'), schema: dialogueSchema(topics) }),
};
