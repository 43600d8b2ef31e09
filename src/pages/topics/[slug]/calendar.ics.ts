import type { APIRoute } from 'astro';
import { servePublicFeed } from '../../../server/calendar/serve-feed';

export const GET: APIRoute = ({ request, url, site, params, locals }) => {
  // An unknown topic is refused by the scope check like any other bad filter.
  const topic = new URLSearchParams(url.searchParams);
  topic.set('topic', params.slug ?? '');
  return servePublicFeed(request, new URL(`${url.pathname}?${topic}`, url), (site ?? url).origin, {}, locals.locale);
};
