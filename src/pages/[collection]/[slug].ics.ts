import type { APIRoute } from 'astro';
import { isCollectionName } from '../../server/content-directory';
import { serveEventFeed } from '../../server/calendar/serve-feed';

export const GET: APIRoute = async ({ request, url, site, params, rewrite, locals }) => {
  const { collection, slug } = params;
  const response = collection && slug && isCollectionName(collection) ? await serveEventFeed(request, collection, slug, (site ?? url).origin, locals.locale) : undefined;
  return response ?? rewrite('/404');
};
