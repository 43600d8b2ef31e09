import type { APIRoute } from 'astro';
import { isCollectionName } from '../../../../server/content-directory';
import { database } from '../../../../server/db/index';
import { listEventRegistrations } from '../../../../server/registrations/registration-lists';
import { registrationsCsv } from '../../../../server/registrations/csv-export';

export const GET: APIRoute = async ({ params, locals, redirect }) => {
  if (!locals.user) return redirect('/signin', 303);
  const { collection, slug } = params;
  if (!collection || !slug || !isCollectionName(collection)) return new Response('Not found', { status: 404 });
  const listed = await listEventRegistrations(database().db, locals.user, `${collection}/${slug}`);
  if (!listed.ok) return new Response('Only the secretariat can export registrations.', { status: 403 });
  return new Response(registrationsCsv(listed.value.rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="registrations-${collection}-${slug}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
