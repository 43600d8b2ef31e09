import type { APIRoute } from 'astro';
import { servePublicFeed } from '../server/calendar/serve-feed';

export const GET: APIRoute = ({ request, url, site, locals }) => servePublicFeed(request, url, (site ?? url).origin, {}, locals.locale);
