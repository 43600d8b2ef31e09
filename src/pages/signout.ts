import type { APIRoute } from 'astro';
import { database } from '../server/db/index';
import { invalidateSession, invalidateUserSessions, SESSION_COOKIE } from '../server/auth/sessions';
import { readFormData } from '../server/http/forms';

// POST only: signing out changes state. "everywhere=1" ends every session of the person.
export const POST: APIRoute = async ({ locals, cookies, request, redirect }) => {
  if (locals.session) {
    const form = await readFormData(request);
    if (form.get('everywhere') === '1') await invalidateUserSessions(database().db, locals.session.user.id);
    else await invalidateSession(database().db, locals.session.id);
  }
  cookies.delete(SESSION_COOKIE, { path: '/' });
  return redirect('/', 303);
};
