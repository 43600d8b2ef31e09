// Translations of the secretariat's content: one file per language beside
// the original, `content/dialogues/2027-03-firearms.fr.md` next to
// `2027-03-firearms.md`, holding only what is read (title and summary in the
// front matter, the body in Markdown). Everything else (dates, places,
// registration) lives once, in the original, so a translation can never
// contradict it. Checked here, before the build, with one English sentence
// per problem naming the file: a translation of nothing, in a language the
// portal does not speak, or carrying a field that is not translated would
// otherwise be dropped without a word.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from '../validation';
import { COLLECTIONS } from '../content-directory';
import { LOCALES, type Locale } from '../../i18n/index';

/** The folders whose entries may carry translations. */
export const TRANSLATABLE_FOLDERS = [...COLLECTIONS, 'topics'] as const;
export type TranslatableFolder = (typeof TRANSLATABLE_FOLDERS)[number];

/** The language the secretariat writes its content in. */
export const ORIGINAL_LANGUAGE: Locale = 'en';
/** The languages a translation may be in: the portal's, but not the original's. */
export const TRANSLATION_LOCALES = LOCALES.filter((locale) => locale !== ORIGINAL_LANGUAGE);
/** The front-matter fields a translation holds (its body is the Markdown after it). */
export const TRANSLATED_FIELDS = ['title', 'summary'] as const;

/** A translation's front matter: exactly the translated fields. */
export const translationSchema = z
  .object({
    title: z.string().trim().min(1, 'a title is needed').max(300, 'the title is longer than 300 characters'),
    summary: z.string().trim().min(1, 'a summary is needed').max(2000, 'the summary is longer than 2000 characters'),
  })
  .strict();

export interface TranslationFileName {
  /** The original's file name without `.md`. */
  name: string;
  language: string;
}

/** `2027-03-firearms.fr.md` → { name: '2027-03-firearms', language: 'fr' }; an original's name → undefined. */
export function translationFileName(fileName: string): TranslationFileName | undefined {
  const match = /^([^.]+)\.([^.]+)\.md$/.exec(fileName);
  return match ? { name: match[1]!, language: match[2]! } : undefined;
}

export function isTranslationLocale(language: string): language is Locale {
  return (TRANSLATION_LOCALES as readonly string[]).includes(language);
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

/** What is wrong with one translation file's text, or null. `originals` holds the names of the originals beside it. */
export function translationProblem(fileName: string, text: string, originals: ReadonlySet<string>): string | null {
  const parts = /^([^.]*)(?:\.(.*))?\.md$/.exec(fileName);
  const named = translationFileName(fileName);
  if (!named) {
    return parts?.[2]
      ? `the name has more than one dot: a translation is named <original>.<language>.md, such as 2027-03-firearms.fr.md`
      : null;
  }
  if (!isTranslationLocale(named.language)) {
    return `"${named.language}" is not a language a translation can be in: use one of ${TRANSLATION_LOCALES.join(', ')} (the original, ${named.name}.md, is in ${ORIGINAL_LANGUAGE})`;
  }
  if (!originals.has(named.name)) return `there is no original ${named.name}.md beside it to translate: name the translation after its original's file`;
  const match = FRONT_MATTER.exec(text);
  if (!match) return 'it has no front matter between --- lines: a translation starts with its title and summary';
  let raw: unknown;
  try {
    raw = parse(match[1]!);
  } catch (error) {
    return `its front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'its front matter holds no fields: a translation gives its title and summary';
  const extra = Object.keys(raw).filter((key) => !(TRANSLATED_FIELDS as readonly string[]).includes(key));
  if (extra.length > 0) {
    return `${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} not translated: a translation holds only ${TRANSLATED_FIELDS.join(' and ')} (and its body); every other field is the original's, in ${named.name}.md`;
  }
  const parsed = translationSchema.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  return null;
}

/** Every problem with the translation files of a content folder, as "<file>: <why>" (empty when all is well). */
export function translationFileProblems(directory: string): string[] {
  const problems: string[] = [];
  for (const folder of TRANSLATABLE_FOLDERS) {
    let names: string[];
    try {
      names = readdirSync(join(directory, folder)).filter((name) => name.endsWith('.md')).sort();
    } catch {
      continue;
    }
    const originals = new Set(names.filter((name) => /^[^.]+\.md$/.test(name)).map((name) => name.slice(0, -3)));
    for (const name of names.filter((candidate) => !originals.has(candidate.slice(0, -3)))) {
      const path = join(directory, folder, name);
      const problem = translationProblem(name, readFileSync(path, 'utf8'), originals);
      if (problem) problems.push(`${relative(process.cwd(), path) || path}: ${problem}`);
    }
  }
  return problems;
}

/**
 * The translations of a content folder read outside Astro (scheduled jobs,
 * the CLI), by "<folder>/<original's file name>": what the build reads from
 * the same files. Files the build would refuse are left out.
 */
export function readContentTranslations(directory: string): Map<string, Partial<Record<Locale, { title: string; summary: string; body: string }>>> {
  const found = new Map<string, Partial<Record<Locale, { title: string; summary: string; body: string }>>>();
  for (const folder of TRANSLATABLE_FOLDERS) {
    let names: string[];
    try {
      names = readdirSync(join(directory, folder));
    } catch {
      continue;
    }
    const originals = new Set(names.filter((name) => /^[^.]+\.md$/.test(name)).map((name) => name.slice(0, -3)));
    for (const name of names) {
      const named = translationFileName(name);
      if (!named || !isTranslationLocale(named.language)) continue;
      const text = readFileSync(join(directory, folder, name), 'utf8');
      if (translationProblem(name, text, originals)) continue;
      const match = FRONT_MATTER.exec(text)!;
      const data = translationSchema.parse(parse(match[1]!));
      const key = `${folder}/${named.name}`;
      found.set(key, { ...found.get(key), [named.language]: { ...data, body: text.slice(match[0].length).replace(/^\r?\n/, '') } });
    }
  }
  return found;
}

/** The glob patterns of a translatable folder's translations, relative to the content folder. */
export function translationPatterns(): string[] {
  return TRANSLATABLE_FOLDERS.map((folder) => `${folder}/*.{${TRANSLATION_LOCALES.join(',')}}.md`);
}
