// The Review Mechanism's words in six languages and its timeline in both
// directions: phase and session names in each language, the drawing mirrored
// right to left, and a legend that wraps rather than runs off the drawing.
import { describe, expect, it } from 'vitest';
import { LOCALES, messagesFor } from '../../src/i18n';
import { phaseName, sessionName } from '../../src/i18n/review-names';
import { legendLayout, mirrorX, textWidth, TIMELINE_WIDTH } from '../../src/server/review-mechanism/timeline';

const PHASE = { title: 'Phase on prevention, technical assistance and protection (2026–2028)', cluster: 'prevention-and-technical-assistance', starts: '2026-08-01', ends: '2028-07-31' } as const;
const SESSION = { title: 'Working Group on Firearms, 2027 session', workingGroup: 'firearms', start: '2027-03-17' } as const;

describe('phase and session names', () => {
  it('are the secretariat’s titles in English', () => {
    expect(phaseName(PHASE, 'en')).toBe(PHASE.title);
    expect(sessionName(SESSION, 'en')).toBe(SESSION.title);
  });

  it('are said from the cluster, the working group and the years in the other languages', () => {
    expect(phaseName(PHASE, 'fr')).toBe('Phase consacrée à la prévention, à l’assistance technique et à la protection (2026–2028)');
    expect(phaseName(PHASE, 'zh')).toBe('预防、技术援助和保护审议阶段（2026–2028年）');
    expect(sessionName(SESSION, 'es')).toBe('Grupo de Trabajo sobre Armas de Fuego, período de sesiones de 2027');
    expect(sessionName(SESSION, 'ru')).toBe('Рабочая группа по огнестрельному оружию, сессия 2027 года');
    expect(sessionName(SESSION, 'ar')).toBe('الفريق العامل المعني بالأسلحة النارية، دورة عام 2027');
    for (const locale of LOCALES.filter((code) => code !== 'en')) {
      expect(phaseName(PHASE, locale)).not.toBe(PHASE.title);
      expect(phaseName(PHASE, locale)).toContain('2026');
      expect(sessionName(SESSION, locale)).toContain(messagesFor(locale).reviewMechanism.workingGroups.firearms);
    }
  });
});

describe('the timeline in both directions', () => {
  it('keeps positions left to right and mirrors them right to left, boxes by their width', () => {
    expect(mirrorX(230, 0, 960, 'ltr')).toBe(230);
    expect(mirrorX(230, 0, 960, 'rtl')).toBe(730);
    // A box from 300 to 400 stands from 560 to 660 once mirrored.
    expect(mirrorX(300, 100, 960, 'rtl')).toBe(560);
    expect(mirrorX(0, 0, 960, 'rtl')).toBe(960);
  });

  it('guesses Chinese characters wider than letters', () => {
    expect(textWidth('审议机制')).toBeGreaterThan(textWidth('abcd'));
    expect(textWidth('working group session')).toBeGreaterThan(100);
  });

  it('puts the legend on one line when it fits and wraps it when it does not', () => {
    const short = legendLayout(['a', 'b', 'c'], [12, 13, 28], TIMELINE_WIDTH);
    expect(short.items.map((item) => item.y)).toEqual([0, 0, 0]);
    expect(short.items[1]!.x).toBeGreaterThan(short.items[0]!.textX);
    const long = 'x'.repeat(50);
    const wrapped = legendLayout([long, long, long], [12, 13, 28], TIMELINE_WIDTH);
    expect(wrapped.height).toBeGreaterThan(short.height);
    for (const item of wrapped.items) expect(item.textX + textWidth(long)).toBeLessThanOrEqual(TIMELINE_WIDTH);
  });

  it('fits every language’s legend and row labels in the drawing', () => {
    for (const locale of LOCALES) {
      const r = messagesFor(locale).reviewMechanism;
      const legend = legendLayout([r.legendSession, r.legendDialogue, r.currentPhase], [12, 13, 28], TIMELINE_WIDTH);
      const labels = [r.legendSession, r.legendDialogue, r.currentPhase];
      legend.items.forEach((item, index) => expect(item.textX + textWidth(labels[index]!), `${locale}: ${labels[index]}`).toBeLessThanOrEqual(TIMELINE_WIDTH));
    }
  });
});
