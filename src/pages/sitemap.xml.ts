import type { APIRoute } from 'astro';
import { COLLECTIONS } from '../server/content-directory';
import { loadCatalogue } from '../server/events/catalogue';
import { eventPath } from '../server/events/portal-event';
import { escapeXml } from '../server/http/xml';

export const GET: APIRoute = async ({ site, url }) => {
  const origin = (site ?? url).origin;
  const catalogue = await loadCatalogue();
  const paths = [
    '/',
    ...COLLECTIONS.map((collection) => `/${collection}`),
    '/topics',
    '/organisations',
    ...catalogue.topics.map((topic) => `/topics/${topic.slug}`),
    ...catalogue.events.map(eventPath),
  ];
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    paths.map((path) => `  <url><loc>${escapeXml(new URL(path, origin).href)}</loc></url>`).join('\n') +
    '\n</urlset>\n';
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
