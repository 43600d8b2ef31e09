import type { APIRoute } from 'astro';
import { database } from '../../server/db/index';
import { exportPersonalData } from '../../server/accounts/personal-data';

export const GET: APIRoute = async ({ locals, redirect }) => {
  if (!locals.user) return redirect('/signin', 303);
  const result = await exportPersonalData(database().db, locals.user);
  if (!result.ok) return new Response(null, { status: 403 });
  return new Response(JSON.stringify(result.value, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="whatson-my-data.json"',
      'Cache-Control': 'private, no-store',
    },
  });
};
