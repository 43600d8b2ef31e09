import type { APIRoute } from 'astro';
import { COLLECTIONS } from '../server/content-directory';
import { database } from '../server/db/index';
import { loadCatalogue } from '../server/events/catalogue';
import { eventPath } from '../server/events/portal-event';
import { escapeXml } from '../server/http/xml';
import { listPublishedSubmissionIds } from '../server/submissions/submission-lists';
import { loadResources } from '../server/resources/resources';

// Published written input is listed too; input the secretariat took down leaves it with its publication.
export const GET: APIRoute = async ({ site, url }) => {
  const origin = (site ?? url).origin;
  const catalogue = await loadCatalogue();
  const submissions = await listPublishedSubmissionIds(database().db);
  // Resources served from public/ are listed; linked ones live on other sites.
  const resourceFiles = [...new Set((await loadResources()).all.filter((resource) => resource.file).map((resource) => resource.file!))];
  const paths = [
    '/',
    ...COLLECTIONS.map((collection) => `/${collection}`),
    '/topics',
    '/organisations',
    '/submissions',
    '/resources',
    '/search',
    '/about',
    '/privacy',
    '/accessibility',
    '/review-mechanism',
    '/countries',
    ...resourceFiles,
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
