import type { APIRoute } from 'astro';
import { COLLECTIONS } from '../server/content-directory';
import { database } from '../server/db/index';
import { loadCatalogue } from '../server/events/catalogue';
import { eventPath } from '../server/events/portal-event';
import { escapeXml } from '../server/http/xml';
import { listPublishedSubmissionIds } from '../server/submissions/submission-lists';

// Published written input is listed too; input the secretariat took down leaves it with its publication.
export const GET: APIRoute = async ({ site, url }) => {
  const origin = (site ?? url).origin;
  const catalogue = await loadCatalogue();
  const submissions = await listPublishedSubmissionIds(database().db);
  const paths = [
    '/',
    ...COLLECTIONS.map((collection) => `/${collection}`),
    '/topics',
    '/organisations',
    '/submissions',
    '/review-mechanism',
    '/countries',
    ...catalogue.topics.map((topic) => `/topics/${topic.slug}`),
    ...catalogue.events.map(eventPath),
  ];
  const loc = (path: string) => `<loc>${escapeXml(new URL(path, origin).href)}</loc>`;
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
    [
      ...paths.map((path) => `  <url>${loc(path)}</url>`),
      ...submissions.map(({ id, publishedAt }) => `  <url>${loc(`/submissions/${id}`)}${publishedAt ? `<lastmod>${escapeXml(publishedAt)}</lastmod>` : ''}</url>`),
    ].join('\n') +
    '\n</urlset>\n';
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
