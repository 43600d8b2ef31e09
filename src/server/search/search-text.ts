// How text becomes search terms, in each of the portal's six languages. The
// index, the query and the highlighting all go through here, so a word is
// found and marked the same way it was indexed.
// - Latin script: case and accents folded ("Panamá" = "panama").
// - Cyrillic: case, and ё = е (Russian prints ё mostly as е); й stays й,
//   a letter of its own, not и with an accent.
// - Arabic: short vowels and other marks (tashkeel) and tatweel dropped;
//   أ إ آ ٱ = ا, ى = ي, ة = ه, as Arabic writers use them interchangeably;
//   a word is also indexed without its article (ال, وال, بال, كال, فال, لل),
//   and a query word is looked up without it, so "الاتجار" finds "اتجار".
// - Chinese has no spaces: every run of Han characters is indexed as its
//   single characters and its overlapping pairs (bigrams); a query needs the
//   pairs covering its run, so 人口贩运 finds 贩运人口, and a one- or
//   two-character word is a term of its own.
// Typos are forgiven by edit distance on words of letters (Latin, Cyrillic,
// Arabic), never on Chinese characters, where one character more or less
// is another word.

/** A word as written: letters, digits and their combining marks (Arabic vowels, Latin accents). */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII = /^[\u0000-\u007f]*$/;
const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
const ARABIC_LETTER = /^[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]/;
const ARABIC_ARTICLES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
/** A word keeps at least this many letters once its article is off. */
const ARABIC_STEM_MIN = 3;

/** Arabic tashkeel, superscript alef, Quranic annotation marks and tatweel: they carry no letter. */
const ARABIC_MARKS = /[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;
const ARABIC_ALEFS = /[\u0622\u0623\u0625\u0671]/g;
/**
 * Latin (and Greek) letters with accents, and combining marks outside the
 * Arabic block (a Russian stress mark, a decomposed "é"): folded by Unicode
 * decomposition. Cyrillic and Arabic letters stay out of it, or й would
 * lose its breve and أ its hamza in ways their languages do not allow.
 */
const ACCENTED = /[\u00c0-\u03ff\u1e00-\u1fff\u20d0-\u20ff]+/g;

/** Text as the search compares it: compatibility forms unified, lower case, and the folds above. */
export function normaliseForSearch(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(ACCENTED, (run) => run.normalize('NFD').replace(/\p{Diacritic}/gu, ''))
    .replace(/ё/g, 'е')
    .replace(ARABIC_MARKS, '')
    .replace(ARABIC_ALEFS, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه');
}

function withoutArabicArticle(word: string): string | undefined {
  if (!ARABIC_LETTER.test(word)) return undefined;
  const article = ARABIC_ARTICLES.find((prefix) => word.startsWith(prefix) && word.length - prefix.length >= ARABIC_STEM_MIN);
  return article ? word.slice(article.length) : undefined;
}

/** Every pair of neighbouring characters, and every character. */
function hanTerms(run: string, into: string[]): void {
  const characters = [...run];
  for (let index = 0; index < characters.length; index++) {
    into.push(characters[index]!);
    if (index + 1 < characters.length) into.push(characters[index]! + characters[index + 1]!);
  }
}

/** The index terms of one normalised word. */
function wordTerms(word: string, into: string[]): void {
  if (ASCII.test(word)) {
    into.push(word);
    return;
  }
  if (HAN.test(word)) {
    for (const [part] of word.matchAll(HAN_RUNS)) {
      if (HAN.test(part)) hanTerms(part, into);
      else into.push(part);
    }
    return;
  }
  into.push(word);
  const stem = withoutArabicArticle(word);
  if (stem) into.push(stem);
}

/** MiniSearch's tokenizer: the terms a field's text is indexed by. */
export function indexTerms(text: string): string[] {
  const terms: string[] = [];
  for (const [word] of normaliseForSearch(text).matchAll(WORD)) wordTerms(word, terms);
  return terms;
}

/**
 * What a query asks for. `all`: the terms every match must have (a Chinese
 * run by the pairs that cover it, so the run's words may come in any order);
 * `any`: the looser set, for when nothing has them all.
 */
export interface QueryTerms {
  all: string[];
  any: string[];
}

export function queryTerms(query: string): QueryTerms {
  const all: string[] = [];
  const any: string[] = [];
  for (const [word] of normaliseForSearch(query).matchAll(WORD)) {
    const parts = HAN.test(word) ? Array.from(word.matchAll(HAN_RUNS), (run) => run[0]) : [word];
    for (const part of parts) {
      if (!HAN.test(part)) {
        const term = withoutArabicArticle(part) ?? part;
        all.push(term);
        any.push(term);
        continue;
      }
      const characters = [...part];
      if (characters.length === 1) {
        all.push(part);
        any.push(part);
        continue;
      }
      const pairs = characters.slice(1).map((character, index) => characters[index]! + character);
      // Pairs from the first character on, two by two, and the last pair when the length is odd.
      pairs.forEach((pair, index) => {
        if (index % 2 === 0 || index === pairs.length - 1) all.push(pair);
      });
      any.push(...pairs);
    }
  }
  return { all: [...new Set(all)], any: [...new Set(any)] };
}

function isHanTerm(term: string): boolean {
  return !ASCII.test(term) && HAN.test(term);
}

function isArabicTerm(term: string): boolean {
  return !ASCII.test(term) && ARABIC_LETTER.test(term);
}

/**
 * How many typos a query term may have: none on Chinese; on words of letters
 * one from five letters and two from nine, and in Arabic, which leaves short
 * vowels unwritten (so words are shorter), one from four and two from eight.
 */
export function typosAllowed(term: string): number | false {
  if (isHanTerm(term)) return false;
  const length = [...term].length;
  const shift = isArabicTerm(term) ? 1 : 0;
  return length >= 9 - shift ? 2 : length >= 5 - shift ? 1 : false;
}

/** Whether a query term also finds longer words it begins (not Chinese pairs: they are whole). */
export function matchesAsPrefix(term: string): boolean {
  return !isHanTerm(term) && [...term].length >= 4;
}

/** Where in `text` the words (or Chinese characters) whose terms are in `terms` stand, in order. */
export function matchRanges(text: string, terms: ReadonlySet<string>): [number, number][] {
  const ranges: [number, number][] = [];
  if (terms.size === 0) return ranges;
  const one: string[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0];
    const start = match.index;
    if (!HAN.test(word)) {
      one.length = 0;
      wordTerms(normaliseForSearch(word), one);
      if (one.some((term) => terms.has(term))) ranges.push([start, start + word.length]);
      continue;
    }
    for (const part of word.matchAll(HAN_RUNS)) {
      const partStart = start + part.index;
      if (!HAN.test(part[0])) {
        one.length = 0;
        wordTerms(normaliseForSearch(part[0]), one);
        if (one.some((term) => terms.has(term))) ranges.push([partStart, partStart + part[0].length]);
        continue;
      }
      // Mark each character that is a matched term or half of a matched pair; neighbours join up.
      const characters = [...part[0]];
      const keys = characters.map((character) => normaliseForSearch(character));
      const marked = characters.map((_, index) => terms.has(keys[index]!) || (index + 1 < keys.length && terms.has(keys[index]! + keys[index + 1]!)) || (index > 0 && terms.has(keys[index - 1]! + keys[index]!)));
      let offset = partStart;
      characters.forEach((character, index) => {
        if (marked[index]) {
          const last = ranges[ranges.length - 1];
          if (last && last[1] === offset) last[1] += character.length;
          else ranges.push([offset, offset + character.length]);
        }
        offset += character.length;
      });
    }
  }
  return ranges;
}
