// The one function feed routes call: scope from the address, feed from cache,
// answer with validators.
import { database } from '../db/index';
import { loadCatalogue } from '../events/catalogue';
import type { CollectionName } from '../content-directory';
import { feedResponse } from './feed-response';
import { feedScopeFrom, publicFeed, singleEventFeed, type FeedScope } from './public-feeds';
import { loadEventVersions } from './versions';
import { assembleFeed } from './feeds';
import { privateFeedEntries } from './private-calendar';
import { eventKey } from '../registrations/application-window';
import { DEFAULT_LOCALE, type Locale } from '../../i18n/index';
import { say } from '../mail/mail-text';
import { loadReviewContent } from '../review-mechanism/review-content';
import { countriesConcernedBy } from '../review-mechanism/review-mechanism';

export async function servePublicFeed(request: Request, url: URL, origin: string, base: FeedScope = {}, locale: Locale = DEFAULT_LOCALE): Promise<Response> {
  const catalogue = await loadCatalogue();
  const parsed = feedScopeFrom(url.searchParams, base, catalogue);
  if ('invalid' in parsed) {
    return new Response(say(locale, 'calendar.badFilter', { filter: parsed.invalid }), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const versions = await loadEventVersions(database().db, catalogue.events);
  return feedResponse(request, publicFeed(parsed.scope, catalogue, versions, origin, locale));
}

export async function serveEventFeed(request: Request, collection: CollectionName, slug: string, origin: string, locale: Locale = DEFAULT_LOCALE): Promise<Response | undefined> {
  const catalogue = await loadCatalogue();
  const event = catalogue.findEvent(collection, slug);
  if (!event) return undefined;
  const versions = await loadEventVersions(database().db, catalogue.events);
  return feedResponse(request, singleEventFeed(event, versions, origin, locale), { filename: `${slug}.ics` });
}

/** A person's own feed; an unknown or revoked address is simply not found. */
export async function servePrivateFeed(request: Request, token: string, origin: string): Promise<Response | undefined> {
  const catalogue = await loadCatalogue();
  const db = database().db;
  const reviews = await loadReviewContent();
  const feedOf = await privateFeedEntries(db, token, catalogue.events, (event) => countriesConcernedBy(event, reviews));
  if (!feedOf) return undefined;
  const { entries } = feedOf;
  const versions = await loadEventVersions(db, catalogue.events);
  const states = new Map(entries.filter((entry) => entry.registrationState).map((entry) => [eventKey(entry.event), entry.registrationState!]));
  // In the owner's preferred language: a calendar app asks without a page around it.
  const feed = assembleFeed(`WhatsOn - ${say(feedOf.locale, 'calendar.myCalendar')}`, entries.map((entry) => entry.event), versions, origin, states, feedOf.locale);
  return feedResponse(request, feed, { private: true });
}
