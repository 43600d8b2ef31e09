import type { APIRoute } from 'astro';
import { database } from '../../server/db/index';
import { listPublishedSubmissions } from '../../server/submissions/submission-lists';
import { renderSubmissionsRss } from '../../server/submissions/submissions-rss';

export const GET: APIRoute = async ({ site, url, locals }) => {
  const submissions = await listPublishedSubmissions(database().db, {}, 50);
  return new Response(renderSubmissionsRss(submissions, (site ?? url).origin, locals.messages, locals.locale), {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
};
