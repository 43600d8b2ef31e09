// Organisation names and acronyms are quoted in the portal's own emails, in the
// directory and beside published input. One that claims to be UNODC, the
// United Nations, its secretariat or an official body would speak with the
// secretariat's voice (issue 14: "UNODC Civil Society Unit (official
// secretariat)" was accepted), so such names are refused.
//
// The rule works on words, not on substrings, so "Unity Network", "Fortuna
// Foundation" or "Community Union" pass. Before it looks, it undoes the usual
// disguises: letter case, accents, full-width and look-alike letters, invisible
// characters, and abbreviations spelled with dots or spaces ("U.N.", "U N O D C").
import { message } from '../../i18n/message';

/** Words that claim the UN, UNODC, the secretariat or an official status in any case. */
const CLAIMING_WORDS = new Set([
  'unodc',
  'onudc',
  'unitednations',
  'secretariat',
  'secretariats',
  'secretariado',
  'official',
  'officially',
  'officiel',
  'officielle',
  'oficial',
  'offiziell',
  'offizielle',
]);

/**
 * Abbreviations that claim the UN only when written as one: "UN", "U.N.", "ONU".
 * In lower or mixed case they are ordinary words ("Un monde sans traite").
 */
const CLAIMING_ABBREVIATIONS = new Set(['un', 'onu']);

/** Two-word names of the United Nations in the languages its partners write in. */
const CLAIMING_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['united', 'nations'],
  ['united', 'nation'],
  ['nations', 'unies'],
  ['naciones', 'unidas'],
  ['nacoes', 'unidas'],
  ['vereinte', 'nationen'],
  ['nazioni', 'unite'],
];

/** Cyrillic and Greek letters that look like Latin ones, as used to slip past word lists. */
const LOOK_ALIKES: Record<string, string> = {
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', І: 'I', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T', Х: 'X', У: 'Y', Ѕ: 'S', Ј: 'J',
  а: 'a', с: 'c', е: 'e', о: 'o', р: 'p', х: 'x', у: 'y', і: 'i', ѕ: 's', ј: 'j',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  ο: 'o', ν: 'v', ι: 'i', κ: 'k', ρ: 'p', τ: 't', υ: 'u',
};

interface Word {
  /** Lower case, without accents. */
  text: string;
  /** Written in capitals, or spelled as single letters ("U.N."): an abbreviation. */
  abbreviation: boolean;
}

function words(value: string): Word[] {
  const plain = value
    .normalize('NFKD')
    // Accents, and invisible characters (zero-width spaces, joiners, soft hyphens) that split a word.
    .replace(/[\p{M}\p{Cf}]/gu, '')
    .replace(/[\p{Script=Cyrillic}\p{Script=Greek}]/gu, (letter) => LOOK_ALIKES[letter] ?? letter)
    .replace(/0/g, 'O');
  const tokens = plain.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const result: Word[] = [];
  for (let index = 0; index < tokens.length; ) {
    // A run of single letters is one abbreviation spelled out: "U.N.O.D.C." or "U N".
    let end = index;
    while (end < tokens.length && [...tokens[end]!].length === 1) end += 1;
    if (end - index >= 2) {
      result.push({ text: tokens.slice(index, end).join('').toLowerCase(), abbreviation: true });
      index = end;
      continue;
    }
    const token = tokens[index]!;
    result.push({ text: token.toLowerCase(), abbreviation: token.length > 1 && token === token.toUpperCase() });
    index += 1;
  }
  return result;
}

/** Whether a name or acronym claims to be UNODC, the United Nations, its secretariat or an official body. */
export function claimsOfficialStatus(value: string): boolean {
  const found = words(value);
  return found.some((word, index) => {
    if (CLAIMING_WORDS.has(word.text)) return true;
    // "UNODCwatch", "unodc-affiliated": nothing else starts with these letters.
    if (word.text.startsWith('unodc') || word.text.startsWith('onudc')) return true;
    if (word.abbreviation && CLAIMING_ABBREVIATIONS.has(word.text)) return true;
    const next = found[index + 1];
    return next !== undefined && CLAIMING_PHRASES.some(([first, second]) => word.text === first && next.text === second);
  });
}

export const OFFICIAL_NAME_MESSAGES = {
  organisationName: message('organisation.officialName'),
  acronym: message('organisation.officialAcronym'),
} as const;
