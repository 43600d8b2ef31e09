import type { APIRoute } from 'astro';
import { database } from '../../../server/db/index';
import { setCountryFollowed } from '../../../server/countries/country-follows';
import { readFormData } from '../../../server/http/forms';
import { signInPath } from '../../../server/accounts/return-path';

export const POST: APIRoute = async ({ params, locals, request, redirect }) => {
  const code = (params.code ?? '').toUpperCase();
  if (!locals.user) return redirect(signInPath(`/countries/${code.toLowerCase()}`), 303);
  const form = await readFormData(request);
  const result = await setCountryFollowed(database().db, locals.user, code, form.get('follow') !== 'false');
  if (!result.ok) return new Response('message' in result ? locals.say(result.message) : 'Not allowed', { status: result.code === 'not_found' ? 404 : 403 });
  return redirect(`/countries/${code.toLowerCase()}`, 303);
};
