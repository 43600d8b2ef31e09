import { portalNow } from '../server/clock';
import type { APIRoute } from 'astro';
import { loadCatalogue } from '../server/events/catalogue';
import { listUpcomingEvents } from '../server/events/browse';
import { renderEventsRss } from '../server/events/rss';
import { messagesFor, DEFAULT_LOCALE } from '../i18n';

export const GET: APIRoute = async ({ site, url, locals }) => {
  const catalogue = await loadCatalogue();
  const events = listUpcomingEvents(catalogue.events, portalNow(), 100);
  const body = renderEventsRss(events, (site ?? url).origin, locals.messages ?? messagesFor(DEFAULT_LOCALE), locals.locale ?? DEFAULT_LOCALE);
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
