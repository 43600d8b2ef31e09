// The geometry of the review cycle's timeline: clusters down, years across,
// each phase a bar on its cluster's row, the working group sessions and the
// constructive dialogues as marks on it, today as a line. The page draws it
// as SVG on the server; the marks differ in shape and the current phase in
// pattern and wording, so nothing depends on seeing colour.
import type { PortalEvent } from '../events/portal-event';
import { REVIEW_CLUSTERS, type ReviewCluster } from './schema';
import { dialoguesOfPhase, isCurrentPhase, type ReviewPhase } from './review-mechanism';

export const TIMELINE_WIDTH = 960;
/** The column of the clusters' names, before the years (after them, mirrored, in right-to-left languages). */
export const LABEL_WIDTH = 230;
const RIGHT_MARGIN = 16;
const AXIS_HEIGHT = 34;
const ROW_HEIGHT = 64;
const BAR_HEIGHT = 40;

export interface TimelineMark {
  kind: 'session' | 'dialogue';
  x: number;
  y: number;
  /** Calendar day it starts, YYYY-MM-DD. */
  day: string;
  title: string;
}

export interface Timeline {
  width: number;
  height: number;
  years: { year: number; x: number }[];
  rows: { cluster: ReviewCluster; y: number; labelY: number }[];
  bars: { slug: string; title: string; cluster: ReviewCluster; x: number; y: number; width: number; height: number; current: boolean }[];
  marks: TimelineMark[];
  /** Where today falls, when it falls within the years shown. */
  todayX?: number;
}

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

export function reviewTimeline(phases: readonly ReviewPhase[], events: readonly PortalEvent[], now: Date): Timeline {
  const rows = REVIEW_CLUSTERS.map((cluster, index) => {
    const y = AXIS_HEIGHT + index * ROW_HEIGHT;
    return { cluster, y, labelY: y + ROW_HEIGHT / 2 };
  });
  const height = AXIS_HEIGHT + REVIEW_CLUSTERS.length * ROW_HEIGHT + 8;
  if (phases.length === 0) return { width: TIMELINE_WIDTH, height, years: [], rows, bars: [], marks: [] };

  const firstYear = Math.min(...phases.map((phase) => Number(phase.starts.slice(0, 4))));
  const lastYear = Math.max(...phases.map((phase) => Number(phase.ends.slice(0, 4))));
  const fromMs = Date.UTC(firstYear, 0, 1);
  const toMs = Date.UTC(lastYear + 1, 0, 1);
  const span = TIMELINE_WIDTH - LABEL_WIDTH - RIGHT_MARGIN;
  const xOf = (ms: number) => Math.round((LABEL_WIDTH + ((ms - fromMs) / (toMs - fromMs)) * span) * 10) / 10;

  const years = [];
  for (let year = firstYear; year <= lastYear; year++) years.push({ year, x: xOf(Date.UTC(year, 0, 1)) });

  const bars = [];
  const marks: TimelineMark[] = [];
  for (const phase of phases) {
    const row = rows.find((candidate) => candidate.cluster === phase.cluster)!;
    const barY = row.y + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    const x = xOf(dayMs(phase.starts));
    bars.push({ slug: phase.slug, title: phase.title, cluster: phase.cluster, x, y: barY, width: Math.max(xOf(dayMs(phase.ends) + 86_400_000) - x, 2), height: BAR_HEIGHT, current: isCurrentPhase(phase, now) });
    // Sessions on the upper half of the bar, dialogues on the lower: apart even where they fall on the same week.
    for (const session of phase.sessions) marks.push({ kind: 'session', x: xOf(dayMs(session.start)), y: barY + BAR_HEIGHT / 4, day: session.start, title: session.title });
    for (const dialogue of dialoguesOfPhase(phase, events)) {
      marks.push({ kind: 'dialogue', x: xOf(dialogue.start.getTime()), y: barY + (3 * BAR_HEIGHT) / 4, day: dialogue.startDay, title: dialogue.title });
    }
  }
  const nowMs = now.getTime();
  return { width: TIMELINE_WIDTH, height, years, rows, bars, marks, todayX: nowMs >= fromMs && nowMs < toMs ? xOf(nowMs) : undefined };
}

/**
 * Where a point (width 0) or a box of `width` starting at `at` falls on a
 * drawing `total` wide: the same place left to right, the mirrored place
 * right to left (so the years run the way the page reads).
 */
export function mirrorX(at: number, width: number, total: number, direction: 'ltr' | 'rtl'): number {
  return direction === 'rtl' ? Math.round((total - at - width) * 10) / 10 : at;
}

/**
 * A generous guess at the width of a label in the 14-pixel system font, in
 * pixels: a Chinese character is about one em, a Latin, Cyrillic or Arabic
 * letter about half of one. The server cannot measure text; the guess only
 * decides where the legend's entries go and when a label is narrowed.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(character) ? 14 : /[\p{Lu}]/u.test(character) ? 9.5 : 8;
  return Math.ceil(width);
}

const LEGEND_GAP = 6;
const LEGEND_SPACING = 28;
const LEGEND_LINE = 24;

/**
 * The legend's entries (a symbol, then its label) one after another on a
 * line, and on the next line when the line would run out: a language with
 * longer words takes two lines rather than running off the drawing.
 */
export function legendLayout(labels: readonly string[], symbolWidths: readonly number[], total: number): { items: { x: number; textX: number; y: number }[]; height: number } {
  const items: { x: number; textX: number; y: number }[] = [];
  let x = 0;
  let y = 0;
  labels.forEach((label, index) => {
    const width = symbolWidths[index]! + LEGEND_GAP + textWidth(label);
    if (x > 0 && x + width > total) {
      x = 0;
      y += LEGEND_LINE;
    }
    items.push({ x, textX: x + symbolWidths[index]! + LEGEND_GAP, y });
    x += width + LEGEND_SPACING;
  });
  return { items, height: y + LEGEND_LINE };
}
