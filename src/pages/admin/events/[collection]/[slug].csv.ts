import type { APIRoute } from 'astro';
import { isCollectionName } from '../../../../server/content-directory';
import { database } from '../../../../server/db/index';
import { loadCatalogue } from '../../../../server/events/catalogue';
import { eventKey } from '../../../../server/registrations/application-window';
import { listEventRegistrations } from '../../../../server/registrations/registration-lists';
import { registrationsCsv, registrationsCsvHeaders } from '../../../../server/registrations/csv-export';

export const GET: APIRoute = async ({ params, locals, redirect }) => {
  if (!locals.user) return redirect('/signin', 303);
  const { collection, slug } = params;
  const catalogue = await loadCatalogue();
  const event = collection && slug && isCollectionName(collection) ? catalogue.findEvent(collection, slug) : undefined;
  if (!event) return new Response('There is no such event.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const listed = await listEventRegistrations(database().db, locals.user, eventKey(event));
  if (!listed.ok) return new Response('Only the secretariat can export registrations.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(registrationsCsv(listed.value.rows), { headers: registrationsCsvHeaders(event) });
};
