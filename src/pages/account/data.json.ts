import type { APIRoute } from 'astro';
import { config } from '../../server/config';
import { database } from '../../server/db/index';
import { loadCatalogue } from '../../server/events/catalogue';
import { exportPersonalData } from '../../server/accounts/data-download';

export const GET: APIRoute = async ({ locals, redirect }) => {
  if (!locals.user) return redirect('/signin', 303);
  const { findEventByKey } = await loadCatalogue();
  const result = await exportPersonalData(database().db, locals.user, { findEvent: findEventByKey, retentionDays: config().HEALTH_DATA_RETENTION_DAYS });
  if (!result.ok) return new Response(null, { status: 403 });
  return new Response(JSON.stringify(result.value, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="whatson-my-data.json"',
      'Cache-Control': 'private, no-store',
    },
  });
};
