import type { APIRoute } from 'astro';
import { servePublicFeed } from '../server/calendar/serve-feed';

export const GET: APIRoute = ({ request, url, site }) => servePublicFeed(request, url, (site ?? url).origin);
