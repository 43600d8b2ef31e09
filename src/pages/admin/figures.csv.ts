// The participation figures as CSV, for the period and grouping of /admin/figures.
import type { APIRoute } from 'astro';
import { database } from '../../server/db/index';
import { loadCatalogue } from '../../server/events/catalogue';
import { computeParticipationFigures } from '../../server/admin/participation-figures';
import { figuresCsv } from '../../server/admin/figures-csv';
import { portalNow } from '../../server/clock';
import { figureTables } from '../../i18n/figure-labels';

const text = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET: APIRoute = async ({ locals, url, redirect }) => {
  if (!locals.user) return redirect('/signin', 303);
  const catalogue = await loadCatalogue();
  const t = locals.messages;
  const figures = await computeParticipationFigures(database().db, locals.user, url.searchParams, {
    events: catalogue.events,
    topicTitles: catalogue.topicTitles,
    collectionNames: t.eventEditor.collections,
    now: portalNow(),
  });
  if (!figures.ok) return text('message' in figures ? figures.message : 'Not allowed.', figures.code === 'forbidden' ? 403 : 404);
  const issues = Object.entries(figures.value.issues);
  if (issues.length > 0) return text(issues.map(([field, message]) => `${field}: ${message}`).join('\n'), 422);
  const csv = figuresCsv(figures.value, figureTables(figures.value, t, locals.locale), (key, label) => (key ? label : t.workspace.figures.noCall));
  const name = `participation-${figures.value.filter.from}-to-${figures.value.filter.to}-per-${figures.value.filter.by}.csv`;
  return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'private, no-store' } });
};
