import type { APIRoute } from 'astro';
import { servePrivateFeed } from '../../server/calendar/serve-feed';

export const GET: APIRoute = async ({ request, url, site, params, rewrite }) =>
  (await servePrivateFeed(request, params.token ?? '', (site ?? url).origin)) ?? rewrite('/404');
