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

export async function servePublicFeed(request: Request, url: URL, origin: string, base: FeedScope = {}): Promise<Response> {
  const catalogue = await loadCatalogue();
  const parsed = feedScopeFrom(url.searchParams, base, catalogue);
  if ('invalid' in parsed) {
    return new Response(`The "${parsed.invalid}" filter has a value this portal does not know; see the filters on the listing pages.`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const versions = await loadEventVersions(database().db, catalogue.events);
  return feedResponse(request, publicFeed(parsed.scope, catalogue, versions, origin));
}

export async function serveEventFeed(request: Request, collection: CollectionName, slug: string, origin: string): Promise<Response | undefined> {
  const catalogue = await loadCatalogue();
  const event = catalogue.findEvent(collection, slug);
  if (!event) return undefined;
  const versions = await loadEventVersions(database().db, catalogue.events);
  return feedResponse(request, singleEventFeed(event, versions, origin), { filename: `${slug}.ics` });
}

/** A person's own feed; an unknown or revoked address is simply not found. */
export async function servePrivateFeed(request: Request, token: string, origin: string): Promise<Response | undefined> {
  const catalogue = await loadCatalogue();
  const db = database().db;
  const entries = await privateFeedEntries(db, token, catalogue.events);
  if (!entries) return undefined;
  const versions = await loadEventVersions(db, catalogue.events);
  const states = new Map(entries.filter((entry) => entry.registrationState).map((entry) => [eventKey(entry.event), entry.registrationState!]));
  const feed = assembleFeed('WhatsOn - My calendar', entries.map((entry) => entry.event), versions, origin, states);
  return feedResponse(request, feed, { private: true });
}
