import type { APIRoute } from 'astro';
import { COLLECTIONS } from '../server/content-directory';
import { database } from '../server/db/index';
import { loadCatalogue } from '../server/events/catalogue';
import { eventPath } from '../server/events/portal-event';
import { escapeXml } from '../server/http/xml';
import { listPublishedSubmissionIds } from '../server/submissions/submission-lists';
import { LOCALES } from '../i18n';
import { localeUrl } from '../i18n/paths';
import { loadResources } from '../server/resources/resources';
import { FIXED_PUBLIC_PAGES } from '../server/public-cache/cache-policy';

// Published written input is listed too; input the secretariat took down leaves it with its publication.
// Every page in each of the six languages, each entry naming its versions in the others (hreflang).
export const GET: APIRoute = async ({ site, url }) => {
  const origin = (site ?? url).origin;
  const catalogue = await loadCatalogue();
  const submissions = await listPublishedSubmissionIds(database().db);
  // Resources served from public/ are listed (once: a file has no language versions); linked ones live on other sites.
  const resourceFiles = [...new Set((await loadResources()).all.filter((resource) => resource.file).map((resource) => resource.file!))];
  const paths = [
    '/',
    ...COLLECTIONS.map((collection) => `/${collection}`),
    ...FIXED_PUBLIC_PAGES,
    ...catalogue.topics.map((topic) => `/topics/${topic.slug}`),
    ...catalogue.events.map(eventPath),
  ];
  const alternates = (path: string) =>
    LOCALES.map((code) => `<xhtml:link rel="alternate" hreflang="${code}" href="${escapeXml(localeUrl(code, path, origin))}"/>`).join('');
  const entries = (path: string, lastmod?: string | null) =>
    LOCALES.map((code) => `  <url><loc>${escapeXml(localeUrl(code, path, origin))}</loc>${lastmod ? `<lastmod>${escapeXml(lastmod)}</lastmod>` : ''}${alternates(path)}</url>`);
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    [
      ...paths.flatMap((path) => entries(path)),
      // A file is the same in every language: listed once.
      ...resourceFiles.map((file) => `  <url><loc>${escapeXml(new URL(file, origin).href)}</loc></url>`),
      ...submissions.flatMap(({ id, publishedAt }) => entries(`/submissions/${id}`, publishedAt))].join('\n') +
    '\n</urlset>\n';
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
