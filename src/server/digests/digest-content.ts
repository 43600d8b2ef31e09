// What a digest says for a set of topics over one period: events the portal
// first showed in it, calls for input that opened in it or close within two
// weeks of its end, and written input published in it. Pure: the caller
// reads the rows, so tests can hand in a seeded week.
import type { PortalEvent } from '../events/portal-event';
import { eventKey } from '../registrations/application-window';
import { CLOSING_SOON_MS, type DigestPeriod } from './digest-periods';

export interface PublishedInput {
  id: string;
  title: string;
  organisation: string;
  topics: string[];
  /** Codes of the States it names: a followed country brings it in too. */
  states?: string[];
  /** The topics of the dialogue whose call it answers count too. */
  callEventKey: string | null;
  publishedAt: Date;
}

export interface DigestContent {
  newEvents: PortalEvent[];
  callsOpened: PortalEvent[];
  callsClosingSoon: PortalEvent[];
  publishedInput: PublishedInput[];
}

export function digestItemCount(content: DigestContent): number {
  return content.newEvents.length + content.callsOpened.length + content.callsClosingSoon.length + content.publishedInput.length;
}

const within = (at: Date, period: DigestPeriod) => period.start <= at && at < period.end;

/** The countries a person follows, and which States an event concerns (review-mechanism.ts, countriesConcernedBy). */
export interface FollowedCountries {
  countries: ReadonlySet<string>;
  countriesOf: (event: PortalEvent) => ReadonlySet<string>;
}

export function composeDigest(
  topics: ReadonlySet<string>,
  period: DigestPeriod,
  events: readonly PortalEvent[],
  firstSeen: ReadonlyMap<string, Date>,
  input: readonly PublishedInput[],
  followed?: FollowedCountries,
): DigestContent {
  const onCountry = (event: PortalEvent) => followed !== undefined && followed.countries.size > 0 && [...followed.countriesOf(event)].some((code) => followed.countries.has(code));
  const onTopic = (event: PortalEvent) => event.topics.some((topic) => topics.has(topic)) || onCountry(event);
  const relevant = events.filter(onTopic);
  const byKey = new Map(events.map((event) => [eventKey(event), event]));
  const callsOpened = relevant.filter((event) => event.callForInput && within(event.callForInput.opens, period));
  const opened = new Set(callsOpened);
  return {
    newEvents: relevant
      .filter((event) => {
        const seen = firstSeen.get(eventKey(event));
        return seen !== undefined && within(seen, period) && event.end > period.start;
      })
      .sort((a, b) => a.start.getTime() - b.start.getTime()),
    callsOpened,
    // Still open when the digest goes out, and closing within two weeks; one that opened in the period is listed once.
    callsClosingSoon: relevant
      .filter((event) => {
        const call = event.callForInput;
        return call && !opened.has(event) && call.opens < period.end && period.end <= call.closes && call.closes.getTime() <= period.end.getTime() + CLOSING_SOON_MS;
      })
      .sort((a, b) => a.callForInput!.closes.getTime() - b.callForInput!.closes.getTime()),
    publishedInput: input.filter((item) => {
      if (!within(item.publishedAt, period)) return false;
      const call = item.callEventKey ? byKey.get(item.callEventKey) : undefined;
      return item.topics.some((topic) => topics.has(topic)) || (item.states ?? []).some((code) => followed?.countries.has(code)) || (call !== undefined && onTopic(call));
    }),
  };
}
