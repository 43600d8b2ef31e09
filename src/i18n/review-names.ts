// The names of a phase of the review cycle and of a working group session in
// a language. The secretariat writes them in English in content/review-phases;
// English pages show what it wrote, and the other languages name them from
// the phase's cluster and years and the session's working group and year
// (review-mechanism-xx.ts), so no English title is left on their pages.
import { DEFAULT_LOCALE, messagesFor, type Locale } from './index';
import type { ReviewCluster } from '../server/review-mechanism/schema';
import type { WorkingGroup } from './review-mechanism-en';

const year = (day: string) => Number(day.slice(0, 4));

export function phaseName(phase: { title: string; cluster: ReviewCluster; starts: string; ends: string }, locale: Locale): string {
  if (locale === DEFAULT_LOCALE) return phase.title;
  return messagesFor(locale).reviewMechanism.phaseNames[phase.cluster](year(phase.starts), year(phase.ends));
}

export function sessionName(session: { title: string; workingGroup: WorkingGroup; start: string }, locale: Locale): string {
  if (locale === DEFAULT_LOCALE) return session.title;
  const r = messagesFor(locale).reviewMechanism;
  return r.sessionName(r.workingGroups[session.workingGroup], year(session.start));
}
