import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { contentDirectory, contentFolderProblem, topicSlugsOnDisk } from './server/content-directory';
import { dialogueSchema, eventSchema, sideEventSchema, topicSchema } from './server/events/schema';
import { countryReviewSchema, reviewPhaseSchema } from './server/review-mechanism/schema';
import { COUNTRY_REVIEWS_FOLDER, REVIEW_PHASES_FOLDER, entryNamesIn, phaseClustersOnDisk } from './server/review-mechanism/review-files';
import { resourceSchema } from './server/resources/schema';
import { defaultKey, z } from './server/validation';
import { translate } from './i18n/translate';
import { message } from './i18n/message';

// Content files are checked here, at build time, for the people who write
// them: each problem is named in an English sentence with its limits, not as
// the message key that pages translate.
z.config({
  customError: (issue) => {
    const params: Record<string, string | number> = {};
    if (issue.code === 'too_small') params.count = Number(issue.minimum);
    if (issue.code === 'too_big') params.count = Number(issue.maximum);
    if (issue.code === 'invalid_value') params.values = issue.values.map(String).join(', ');
    return translate('en', message(defaultKey(issue), params));
  },
});

const root = contentDirectory();
// An empty portal is never what was meant: stop the build instead.
const problem = contentFolderProblem(root);
if (problem) throw new Error(`[whatson] not building: ${problem}`);
const topics = topicSlugsOnDisk(root);
const markdownIn = (folder: string) => glob({ pattern: '*.md', base: `${root}/${folder}` });

export const collections = {
  topics: defineCollection({ loader: markdownIn('topics'), schema: topicSchema }),
  events: defineCollection({ loader: markdownIn('events'), schema: eventSchema(topics) }),
  'side-events': defineCollection({ loader: markdownIn('side-events'), schema: sideEventSchema(topics) }),
  dialogues: defineCollection({ loader: markdownIn('dialogues'), schema: dialogueSchema(topics) }),
  'review-phases': defineCollection({ loader: markdownIn(REVIEW_PHASES_FOLDER), schema: reviewPhaseSchema(entryNamesIn(root, 'dialogues')) }),
  'country-reviews': defineCollection({ loader: markdownIn(COUNTRY_REVIEWS_FOLDER), schema: countryReviewSchema(phaseClustersOnDisk(root)) }),
  // The knowledge hub: toolkits, guides, Review Mechanism documents, summaries, recordings.
  resources: defineCollection({ loader: markdownIn('resources'), schema: resourceSchema(topics) }),
};
