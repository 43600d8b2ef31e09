// Search in the portal's other scripts, on small documents made here: Russian
// and Arabic words found despite a typo, letter variants and vowel marks;
// Chinese, written without spaces, found by any of its words in any order;
// and the matches marked in the text as written.
import { describe, expect, it } from 'vitest';
import { highlight, SiteSearchIndex, type SearchDocument } from '../../src/server/search/site-search';
import { indexTerms, normaliseForSearch, queryTerms } from '../../src/server/search/search-text';

function document(id: string, title: string, excerpt: string, extra = ''): SearchDocument {
  return { id, kind: 'event', title, excerpt, extra, topics: [], href: `/events/${id}` };
}

const index = new SiteSearchIndex([
  document('ru-trafficking', 'Конструктивный диалог о торговле людьми', 'Неправительственные организации и государства обсуждают Протокол о предупреждении и пресечении торговли людьми.'),
  document('ru-firearms', 'Учёт огнестрельного оружия', 'Маркировка, учёт и отслеживание огнестрельного оружия на маршрутах.'),
  document('ar-trafficking', 'حوار بنّاء بشأن الاتجار بالأشخاص', 'تناقش المنظمات غير الحكومية والدول بروتوكول منع ومعاقبة الاتجار بالأشخاص.'),
  document('ar-crime', 'مؤتمر الأطراف في اتفاقية الجريمة المنظمة', 'الدورة الحادية عشرة لمؤتمر الأطراف، مع فعاليات جانبية على هامشها.'),
  document('zh-trafficking', '打击贩运人口行为建设性对话', '非政府组织与各国讨论《预防、禁止和惩治贩运人口特别是妇女和儿童行为的补充议定书》。'),
  document('zh-firearms', '非法制造和贩运枪支问题讲习班', '枪支的标识、记录保存和追查。'),
  document('zh-census', '人口统计与移民', '关于移民人口的数据。'),
  document('en-panama', 'Regional workshop in Panamá', 'Protection of victims and tracing of firearms.'),
]);

const ids = (query: string) => index.search(query).map((hit) => hit.document.id);
const marked = (query: string, field: 'title' | 'excerpt' = 'title') =>
  index.search(query)[0]!
    [field].filter((segment) => segment.match)
    .map((segment) => segment.text);

describe('normalising for search, script by script', () => {
  it('folds case and accents in Latin script, ё to е in Cyrillic but keeps й a letter of its own', () => {
    expect(normaliseForSearch('PANAMÁ Protección')).toBe('panama proteccion');
    expect(normaliseForSearch('Учёт ЁЛКА')).toBe('учет елка');
    expect(normaliseForSearch('Йемен и рай')).toBe('йемен и рай');
  });

  it('drops Arabic vowel marks and tatweel, and unifies alef forms, ى with ي and ة with ه', () => {
    expect(normaliseForSearch('الاتِّجارُ')).toBe('الاتجار');
    expect(normaliseForSearch('الاتـــجار')).toBe('الاتجار');
    expect(normaliseForSearch('أإآٱ')).toBe('اااا');
    expect(normaliseForSearch('على الجريمة')).toBe('علي الجريمه');
    // Presentation forms and full-width Latin, as some keyboards and PDFs give them.
    expect(normaliseForSearch('ﻻ ＵＮＯＤＣ')).toBe('لا unodc');
  });

  it('indexes Chinese by its characters and neighbouring pairs, and asks for the pairs covering a query', () => {
    expect(indexTerms('贩运人口')).toEqual(['贩', '贩运', '运', '运人', '人', '人口', '口']);
    expect(queryTerms('人口贩运')).toEqual({ all: ['人口', '贩运'], any: ['人口', '口贩', '贩运'] });
    expect(queryTerms('联合国')).toEqual({ all: ['联合', '合国'], any: ['联合', '合国'] });
    expect(indexTerms('第11届COP会议')).toEqual(['第', '11', '届', 'cop', '会', '会议', '议']);
  });

  it('indexes an Arabic word with and without its article, and looks a query word up without it', () => {
    expect(indexTerms('بالأشخاص والدول')).toEqual(['بالاشخاص', 'اشخاص', 'والدول', 'دول']);
    expect(queryTerms('الأشخاص').all).toEqual(['اشخاص']);
  });
});

describe('search in Russian', () => {
  it('finds a word whatever its case, and ё written as е', () => {
    expect(ids('ТОРГОВЛЕ людьми')).toEqual(['ru-trafficking']);
    expect(ids('учет оружия')).toEqual(['ru-firearms']);
    expect(ids('учёт')).toEqual(['ru-firearms']);
  });

  it('finds a misspelt word', () => {
    expect(ids('торгавле')).toEqual(['ru-trafficking']);
    expect(ids('огнестрелного')).toEqual(['ru-firearms']);
  });

  it('marks the matched words as written', () => {
    expect(marked('учет')).toEqual(['Учёт']);
    expect(marked('торгавле людьми')).toEqual(['торговле', 'людьми']);
  });
});

describe('search in Arabic', () => {
  it('finds a word whatever its vowel marks, tatweel, alef form, or article', () => {
    expect(ids('الاتِّجار')).toEqual(['ar-trafficking']);
    expect(ids('الاتـــجار')).toEqual(['ar-trafficking']);
    expect(ids('الإتجار')).toEqual(['ar-trafficking']);
    expect(ids('اتجار الأشخاص')).toEqual(['ar-trafficking']);
    expect(ids('الجريمه المنظمه')).toEqual(['ar-crime']);
  });

  it('finds a misspelt word', () => {
    expect(ids('بروتوكل')).toEqual(['ar-trafficking']);
    expect(ids('الاتجر')).toEqual(['ar-trafficking']);
  });

  it('marks the matched words as written, with their marks and article', () => {
    expect(marked('بناء الاشخاص')).toEqual(['بنّاء', 'بالأشخاص']);
    expect(marked('الجريمه')).toEqual(['الجريمة']);
  });
});

describe('search in Chinese', () => {
  it('finds a phrase whose words come in another order, and a two-character word inside a run', () => {
    expect(ids('人口贩运')).toEqual(['zh-trafficking']);
    expect(ids('贩运').sort()).toEqual(['zh-firearms', 'zh-trafficking']);
    expect(ids('枪支')).toEqual(['zh-firearms']);
    expect(ids('议定书')).toEqual(['zh-trafficking']);
  });

  it('finds a single character', () => {
    expect(ids('枪')).toEqual(['zh-firearms']);
  });

  it('forgives no "typo" in Chinese: another character is another word', () => {
    expect(ids('贩卖')).toEqual([]);
  });

  it('marks the matched characters in the text as written', () => {
    expect(marked('人口贩运')).toEqual(['贩运人口']);
    expect(marked('枪支', 'excerpt')).toEqual(['枪支']);
    expect(highlight('打击贩运人口行为', new Set(['人口', '贩运']))).toEqual([
      { text: '打击', match: false },
      { text: '贩运人口', match: true },
      { text: '行为', match: false },
    ]);
  });
});

describe('search in Latin script, unchanged', () => {
  it('still folds accents, forgives typos and marks the word as written', () => {
    expect(ids('panama')).toEqual(['en-panama']);
    expect(ids('protecion')).toEqual(['en-panama']);
    expect(marked('panama')).toEqual(['Panamá']);
  });
});
