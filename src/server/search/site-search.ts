// Search across the portal: events of every collection, topics, knowledge-hub
// entries and published written input, ranked by MiniSearch (BM25 with field
// boosts), in every language the portal has: words are found whatever their
// accents, Arabic vowels or letter forms, and Chinese without spaces, and
// simple typos are forgiven (search-text.ts says how, script by script).
// Pure: the index is built from plain documents, so the ranking is tested
// without Astro or a database.
import MiniSearch, { type Query } from 'minisearch';
import { portalNow } from '../clock';
import { indexTerms, matchesAsPrefix, matchRanges, queryTerms, typosAllowed } from './search-text';

export const SEARCH_KINDS = ['event', 'topic', 'resource', 'input'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export interface SearchDocument {
  /** Unique across kinds, such as "event:dialogues/2027-07-firearms". */
  id: string;
  kind: SearchKind;
  title: string;
  /** The text shown under the title, where matches are highlighted. */
  excerpt: string;
  /** More words to find it by (organisers, places, body), not shown. */
  extra: string;
  topics: string[];
  href: string;
  /** ISO date or instant, for the result line. */
  date?: string;
  /** When an event ends: once over, it ranks below what is still to come. */
  endsAt?: number;
  /** The language of the title and excerpt, when known (an event or topic shown in its translation or its original). */
  lang?: string;
}

/** A piece of shown text, marked when it is a match. */
export interface Segment {
  text: string;
  match: boolean;
}

export interface SearchHit {
  document: SearchDocument;
  score: number;
  title: Segment[];
  excerpt: Segment[];
}

const EXCERPT_LENGTH = 240;
/** How much a past event's score counts beside one still to come. */
const PAST_EVENT_WEIGHT = 0.5;

export class SiteSearchIndex {
  private readonly engine: MiniSearch<SearchDocument>;
  private readonly documents = new Map<string, SearchDocument>();

  constructor(documents: Iterable<SearchDocument>) {
    this.engine = new MiniSearch<SearchDocument>({
      fields: ['title', 'excerpt', 'extra'],
      storeFields: [],
      // The tokenizer gives finished terms (normalised, Chinese in pairs): nothing is left to process.
      tokenize: indexTerms,
      processTerm: (term) => term,
      // Queries arrive as trees of finished terms (see search()), one term per leaf.
      searchOptions: { tokenize: (term) => [term], processTerm: (term) => term },
    });
    const list = [...documents];
    for (const document of list) this.documents.set(document.id, document);
    this.engine.addAll(list);
  }

  get size(): number {
    return this.documents.size;
  }

  /**
   * The best matches first. Every word must match, as written or as the
   * beginning of a word; only when that finds nothing are typos forgiven
   * (the costly part, so most queries never pay it); and when even that
   * finds nothing, any word will do, so a stray word does not empty the page.
   */
  search(query: string, filter: { kind?: SearchKind; topic?: string } = {}, limit = 50, now = portalNow()): SearchHit[] {
    const terms = queryTerms(query);
    if (terms.all.length === 0) return [];
    const every: Query = { combineWith: 'AND', queries: terms.all };
    const some: Query = { combineWith: 'OR', queries: terms.any };
    const common = {
      boost: { title: 3, excerpt: 1.5, extra: 1 },
      boostDocument: (id: string) => {
        const endsAt = this.documents.get(id)?.endsAt;
        return endsAt !== undefined && endsAt < now.getTime() ? PAST_EVENT_WEIGHT : 1;
      },
      prefix: matchesAsPrefix,
      filter: (result: { id: string }) => {
        const document = this.documents.get(result.id)!;
        return (!filter.kind || document.kind === filter.kind) && (!filter.topic || document.topics.includes(filter.topic));
      },
    };
    let results = this.engine.search(every, common);
    if (results.length === 0) results = this.engine.search(every, { ...common, fuzzy: typosAllowed });
    if (results.length === 0) results = this.engine.search(some, { ...common, fuzzy: typosAllowed });
    return results.slice(0, limit).map((result) => {
      const document = this.documents.get(result.id)!;
      const terms = new Set(result.terms);
      return { document, score: result.score, title: highlight(document.title, terms), excerpt: highlight(excerptAround(document.excerpt, terms), terms) };
    });
  }
}

/**
 * Splits text into what matched and the rest: whole words whose terms are
 * among `terms` (the index terms a result matched), or in Chinese the
 * characters of the matched characters and pairs.
 */
export function highlight(text: string, terms: ReadonlySet<string>): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of matchRanges(text, terms)) {
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/** A window of the text around its first match, cut at word boundaries. */
function excerptAround(text: string, terms: ReadonlySet<string>): string {
  if (text.length <= EXCERPT_LENGTH) return text;
  const at = matchRanges(text, terms)[0]?.[0] ?? 0;
  let start = Math.max(0, at - 60);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  let end = Math.min(text.length, start + EXCERPT_LENGTH);
  if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '… ' : ''}${text.slice(start, end)}${end < text.length ? ' …' : ''}`;
}
