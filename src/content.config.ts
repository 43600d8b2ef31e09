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
import { translationFileProblems, translationPatterns, translationSchema } from './server/translations/translation-files';

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
// A translation that would be dropped (no original, a language the portal
// does not speak, a field that is not translated) stops the build, named.
const translationProblems = translationFileProblems(root);
if (translationProblems.length > 0) throw new Error(`[whatson] not building: translation files are wrong:\n${translationProblems.join('\n')}`);
const topics = topicSlugsOnDisk(root);
const markdownIn = (folder: string) => glob({ pattern: '*.md', base: `${root}/${folder}` });
// Translations (`<name>.<language>.md`) sit beside their originals and are not entries.
const originalsIn = (folder: string) => glob({ pattern: ['*.md', '!*.*.md'], base: `${root}/${folder}` });

export const collections = {
  topics: defineCollection({ loader: originalsIn('topics'), schema: topicSchema }),
  events: defineCollection({ loader: originalsIn('events'), schema: eventSchema(topics) }),
  'side-events': defineCollection({ loader: originalsIn('side-events'), schema: sideEventSchema(topics) }),
  dialogues: defineCollection({ loader: originalsIn('dialogues'), schema: dialogueSchema(topics) }),
  // Each translation's id is "<folder>/<original's file name>.<language>", such as "dialogues/2027-03-firearms.fr".
  translations: defineCollection({
    loader: glob({ pattern: translationPatterns(), base: root, generateId: ({ entry }) => entry.replace(/\.md$/, '') }),
    schema: translationSchema,
  }),
  'review-phases': defineCollection({ loader: markdownIn(REVIEW_PHASES_FOLDER), schema: reviewPhaseSchema(entryNamesIn(root, 'dialogues')) }),
  'country-reviews': defineCollection({ loader: markdownIn(COUNTRY_REVIEWS_FOLDER), schema: countryReviewSchema(phaseClustersOnDisk(root)) }),
  // The knowledge hub: toolkits, guides, Review Mechanism documents, summaries, recordings.
  resources: defineCollection({ loader: markdownIn('resources'), schema: resourceSchema(topics) }),
};
