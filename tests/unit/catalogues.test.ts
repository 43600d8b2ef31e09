// Every language says everything the English interface says: the same keys,
// the same parameters, every value a sentence carries in English carried in
// the translation too, and nothing left in English. Terminology and how to
// correct a translation: docs/terminology.md.
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { es } from '../../src/i18n/es';
import { ru } from '../../src/i18n/ru';
import { zh } from '../../src/i18n/zh';
import { ar } from '../../src/i18n/ar';

const TRANSLATIONS = { fr, es, ru, zh, ar } as const;

type Entry = string | ((...args: never[]) => string);

// Every section is translated; a section that arrives in English first is named here until it is.
const NOT_YET_TRANSLATED: string[] = [];

/** Every entry of a catalogue by its dotted path ("account.rateLimited"). */
function entries(catalogue: object, prefix = ''): Map<string, Entry> {
  const found = new Map<string, Entry>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (NOT_YET_TRANSLATED.includes(path)) continue;
    if (typeof value === 'string' || typeof value === 'function') found.set(path, value as Entry);
    else for (const [inner, entry] of entries(value as object, path)) found.set(inner, entry);
  }
  return found;
}

const english = entries(en);
const englishFunctions = [...english].filter((entry): entry is [string, (...args: unknown[]) => string] => typeof entry[1] === 'function');

// Numbers that no sentence contains by itself, so finding one in the output
// means the parameter was used; they stand in for strings too (interpolated alike).
const SAMPLE_ARGUMENTS = [7, 23, 41];
// Parameters that choose a branch rather than appear in the sentence, with the
// values the sentence must then say.
const BRANCHES: Record<string, { args: unknown[]; says: unknown[] }[]> = {
  'registration.waitReason': [
    { args: ['places-taken', 'online', 7], says: [] },
    { args: ['places-taken', 'in-person', 7], says: [] },
    { args: ['organisation-limit', 'online', 7], says: [7] },
    { args: ['places-taken-and-organisation-limit', 'in-person', 23], says: [23] },
  ],
  'eventEditor.stateLine': [{ args: ['Draft', 7, null], says: ['Draft', 7] }],
  'eventEditor.published': [{ args: [7, 0], says: [7] }],
  'box.places': [
    { args: [[{ mode: 'in-person', left: 7, capacity: 23 }]], says: [7, 23] },
    { args: [[{ mode: 'in-person', left: 7, capacity: 23 }, { mode: 'online', left: 41, capacity: 300 }]], says: [7, 23, 41, 300] },
  ],
};
// Counts that fall in every plural category of the six languages (Arabic: zero,
// one, two, few, many, other; Russian: one, few, many).
const PLURAL_PROBES = [0, 1, 2, 3, 5, 11, 21, 100, 101, 102, 1000];

function argumentSets(path: string, arity: number): unknown[][] {
  return samples(path, arity).map((sample) => sample.args);
}

// Entries that take something other than numbers or strings: called with these instead.
const OWN_SAMPLES: Record<string, { args: unknown[]; says?: unknown[] }[]> = {
  'box.places': [
    { args: [[{ mode: 'online', left: 7, capacity: 23 }]], says: [7, 23] },
    { args: [[{ mode: 'in-person', left: 7, capacity: 23 }, { mode: 'online', left: 41, capacity: 300 }]], says: [7, 23, 41, 300] },
  ],
};
/** The arguments that give `count` to every counted parameter of an entry. */
function countArguments(path: string, arity: number, count: number): unknown[] {
  if (path === 'box.places') return [[{ mode: 'online', left: count, capacity: 1000 }]];
  return Array.from({ length: arity }, () => count);
}

/** Arguments to call an entry with, and the values the English sentence then says (by default, those it shows). */
function samples(path: string, arity: number): { args: unknown[]; says?: unknown[] }[] {
  return OWN_SAMPLES[path] ?? [{ args: SAMPLE_ARGUMENTS.slice(0, arity) }, ...(BRANCHES[path] ?? [])];
}

/** Calls an entry; parameters that are strings (a label it lower-cases) get the same values as text. */
function call(entry: unknown, args: unknown[]): string {
  const say = entry as (...a: unknown[]) => string;
  try {
    return say(...args);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return say(...args.map((value) => (typeof value === 'number' ? String(value) : value)));
  }
}

// Names and codes, and words the two languages spell alike: the same on purpose
// (a State and its cluster joined by a comma, in the languages that write one).
const SAME_AS_ENGLISH: Record<keyof typeof TRANSLATIONS, string[]> = {
  fr: ['site.name', 'admin.subjectTypes.organisation', 'admin.results', 'directory.results', 'workspace.figures.organisations', 'workspace.figures.regions.europe', 'workspace.eventAdmin.body', 'workspace.audit.subjectTypes.organisation', 'resources.types.guide', 'resources.type', 'reviewMechanism.country.reviewOf', 'reviewEditor.source', 'reviewEditor.session', 'reviewEditor.document'],
  es: ['site.name', 'event.no', 'admin.auditChange', 'workspace.digests.saved', 'workspace.figures.regions.asia', 'reviewMechanism.country.reviewOf'],
  ru: ['site.name', 'admin.auditChange', 'workspace.digests.saved', 'reviewMechanism.country.reviewOf'],
  zh: ['site.name'],
  ar: ['site.name', 'workspace.digests.saved'],
};

describe.each(Object.entries(TRANSLATIONS))('the %s catalogue', (language, catalogue) => {
  const translated = entries(catalogue);

  it('has exactly the English keys', () => {
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('has a function wherever English has one, taking the same number of parameters', () => {
    for (const [path, entry] of english) {
      const own = translated.get(path);
      expect(typeof own, path).toBe(typeof entry);
      if (typeof entry === 'function') expect((own as (...args: unknown[]) => string).length, path).toBe(entry.length);
    }
  });

  it('says every value the English sentence says', () => {
    for (const [path, say] of englishFunctions) {
      const own = translated.get(path) as (...args: unknown[]) => string;
      for (const { args, says } of samples(path, say.length)) {
        const englishText = call(say, args);
        const text = call(own, args);
        const shown = says ?? args.filter((value) => englishText.includes(String(value)));
        for (const value of shown.map(String)) {
          expect(englishText, `English ${path}(${args.join(', ')})`).toContain(value);
          expect(text, `${path}(${args.join(', ')})`).toContain(value);
        }
      }
    }
  });

  it('keeps every {placeholder} and link target of the English string', () => {
    for (const [path, entry] of english) {
      if (typeof entry !== 'string') continue;
      const own = translated.get(path) as string;
      for (const token of entry.match(/\{\w+\}|\]\(\/[^)]*\)/g) ?? []) expect(own, path).toContain(token);
    }
  });

  it('gives a whole sentence for every count, in each plural form', () => {
    for (const [path] of englishFunctions) {
      const own = translated.get(path) as (...args: unknown[]) => string;
      for (const count of PLURAL_PROBES) {
        const text = call(own, countArguments(path, own.length, count));
        expect(text, `${path}(${count})`).toMatch(/\S/);
        expect(text, `${path}(${count})`).not.toMatch(/undefined|NaN|null|#/);
      }
    }
  });

  it('leaves nothing in English but names and codes', () => {
    const allowed = new Set(SAME_AS_ENGLISH[language as keyof typeof TRANSLATIONS]);
    const unchanged = [...english]
      .filter(([path, entry]) => {
        // Addresses a sentence links to (orientation.next.*.href) are the same in every language.
        if (path.endsWith('.href')) return false;
        const own = translated.get(path)!;
        if (typeof entry === 'string') return own === entry;
        return argumentSets(path, entry.length).some((args) => call(own, args) === call(entry, args));
      })
      .map(([path]) => path);
    expect(unchanged.filter((path) => !allowed.has(path))).toEqual([]);
    // The allow-list names only entries that really are the same.
    expect([...allowed].filter((path) => !unchanged.includes(path))).toEqual([]);
  });
});

// The UN's own names (docs/terminology.md), where the interface first says them.
const UN_TERMS: { where: string; says: Record<keyof typeof TRANSLATIONS, string> }[] = [
  {
    where: 'site.tagline',
    says: {
      fr: 'Convention des Nations Unies contre la criminalité transnationale organisée',
      es: 'Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional',
      ru: 'Конвенция Организации Объединенных Наций против транснациональной организованной преступности',
      zh: '《联合国打击跨国有组织犯罪公约》',
      ar: 'اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية',
    },
  },
  { where: 'site.tagline', says: { fr: 'société civile', es: 'sociedad civil', ru: 'Гражданское общество', zh: '民间社会', ar: 'المجتمع المدني' } },
  { where: 'directory.intro', says: { fr: 'ONUDC', es: 'UNODC', ru: 'УНП ООН', zh: '毒品和犯罪问题办公室', ar: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة' } },
  { where: 'collections.dialogues.intro', says: { fr: 'Mécanisme d’examen', es: 'Mecanismo de Examen', ru: 'Механизма обзора', zh: '审议机制', ar: 'آلية الاستعراض' } },
  { where: 'collections.side-events.intro', says: { fr: 'Conférence des Parties', es: 'Conferencia de las Partes', ru: 'Конференции участников', zh: '缔约方会议', ar: 'مؤتمر الأطراف' } },
  { where: 'nav.side-events', says: { fr: 'Manifestations parallèles', es: 'Actos paralelos', ru: 'Параллельные мероприятия', zh: '会外活动', ar: 'المناسبات الجانبية' } },
  { where: 'nav.dialogues', says: { fr: 'Dialogues constructifs', es: 'Diálogos constructivos', ru: 'Конструктивные диалоги', zh: '建设性对话', ar: 'الحوارات البنّاءة' } },
  { where: 'event.workingGroup', says: { fr: 'Groupe de travail', es: 'Grupo de trabajo', ru: 'Рабочая группа', zh: '工作组', ar: 'الفريق العامل' } },
  { where: 'organisationTypes.ngo', says: { fr: 'Organisations non gouvernementales', es: 'Organizaciones no gubernamentales', ru: 'Неправительственные организации', zh: '非政府组织', ar: 'المنظمات غير الحكومية' } },
  // The Review Mechanism's pages: the Mechanism's full name, the reviewing States, the working groups of the Conference, the clusters.
  {
    where: 'reviewMechanism.intro.0',
    says: {
      fr: 'Mécanisme d’examen de l’application de la Convention des Nations Unies contre la criminalité transnationale organisée et des Protocoles s’y rapportant',
      es: 'Mecanismo de Examen de la Aplicación de la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional y sus Protocolos',
      ru: 'Механизма обзора хода осуществления Конвенции Организации Объединенных Наций против транснациональной организованной преступности и протоколов к ней',
      zh: '联合国打击跨国有组织犯罪公约及其各项议定书实施情况审议机制',
      ar: 'آلية استعراض تنفيذ اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية والبروتوكولات الملحقة بها',
    },
  },
  { where: 'reviewMechanism.navLink', says: { fr: 'Mécanisme d’examen', es: 'Mecanismo de Examen', ru: 'Механизм обзора', zh: '审议机制', ar: 'آلية الاستعراض' } },
  { where: 'reviewMechanism.country.reviewers', says: { fr: 'États parties examinateurs', es: 'Estados partes examinadores', ru: 'Проводящие обзор государства-участники', zh: '审议缔约国', ar: 'الدول الأطراف المستعرِضة' } },
  { where: 'reviewMechanism.intro.2', says: { fr: 'groupes de travail de la Conférence des Parties', es: 'grupos de trabajo de la Conferencia de las Partes', ru: 'Рабочие группы Конференции участников', zh: '缔约方会议各工作组', ar: 'الأفرقة العاملة التابعة لمؤتمر الأطراف' } },
  { where: 'reviewMechanism.intro.2', says: { fr: 'dialogues constructifs', es: 'diálogos constructivos', ru: 'конструктивные диалоги', zh: '建设性对话', ar: 'حوارات بنّاءة' } },
  { where: 'reviewMechanism.stages.desk-review', says: { fr: 'Examen documentaire', es: 'Examen documental', ru: 'Кабинетный обзор', zh: '案头审议', ar: 'الاستعراض المكتبي' } },
  { where: 'reviewMechanism.clusters.criminalization-and-jurisdiction', says: { fr: 'Incrimination et compétence', es: 'Penalización y jurisdicción', ru: 'Криминализация и юрисдикция', zh: '定罪和管辖权', ar: 'التجريم والولاية القضائية' } },
  { where: 'admin.navLink', says: { fr: 'Secrétariat', es: 'Secretaría', ru: 'Секретариат', zh: '秘书处', ar: 'الأمانة' } },
];

describe.each(Object.entries(TRANSLATIONS))('the %s terminology', (language, catalogue) => {
  it('uses the UN’s names of the Convention, its bodies and its meetings', () => {
    const translated = entries(catalogue);
    for (const { where, says } of UN_TERMS) {
      expect(translated.get(where), where).toContain(says[language as keyof typeof TRANSLATIONS]);
    }
  });
});

/** Every sentence a catalogue can produce with sample values, URLs and Markdown syntax removed. */
function prose(catalogue: object): [string, string][] {
  return [...entries(catalogue)].map(([path, entry]) => {
    const text = typeof entry === 'string' ? entry : call(entry, argumentSets(path, entry.length)[0]!);
    if (path.endsWith('.href')) return [path, ''];
    return [path, text.replace(/\[[^\]]*\]\(https:\/\/…\)|\]\(\/[^)]*\)|https:\/\/…|--|\*\*|\*|##/g, '')];
  });
}

describe('punctuation', () => {
  it('French puts a no-break space before a colon, semicolon or question mark and inside « »', () => {
    for (const [path, text] of prose(fr)) {
      expect(text, path).not.toMatch(/ [:;?!]|« | »/);
      expect(text, path).not.toMatch(/[\p{L}\d)][:;?!](?!\/)/u);
    }
  });

  it('Spanish opens every question with ¿ and quotes with “ ”', () => {
    for (const [path, text] of prose(es)) {
      expect(text.match(/¿/g)?.length ?? 0, path).toBe(text.match(/\?/g)?.length ?? 0);
      expect(text, path).not.toMatch(/["«»]/);
    }
  });

  it('Chinese uses full-width punctuation: ，。：；？！（）', () => {
    for (const [path, text] of prose(zh)) expect(text, path).not.toMatch(/[,;:?!()]|\p{Script=Han}\./u);
  });

  it('Arabic uses its own comma, semicolon and question mark: ، ؛ ؟', () => {
    for (const [path, text] of prose(ar)) expect(text, path).not.toMatch(/[,;?]/);
  });
});
