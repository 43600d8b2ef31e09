import type { APIRoute } from 'astro';
import { isCollectionName } from '../../server/content-directory';
import { servePublicFeed } from '../../server/calendar/serve-feed';

export const GET: APIRoute = ({ request, url, site, params, rewrite, locals }) => {
  const { collection } = params;
  if (!collection || !isCollectionName(collection)) return rewrite('/404');
  return servePublicFeed(request, url, (site ?? url).origin, { collection }, locals.locale);
};
