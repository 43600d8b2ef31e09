import type { APIRoute } from 'astro';
import { database } from '../../../server/db/index';
import { loadCatalogue } from '../../../server/events/catalogue';
import { setTopicFollowed } from '../../../server/calendar/private-calendar';
import { readFormData } from '../../../server/http/forms';
import { signInPath } from '../../../server/accounts/return-path';

export const POST: APIRoute = async ({ params, locals, request, redirect }) => {
  // Back to the topic page afterwards, where following is one more click.
  if (!locals.user) return redirect(signInPath(`/topics/${params.slug ?? ''}`), 303);
  const form = await readFormData(request);
  const catalogue = await loadCatalogue();
  const slug = params.slug ?? '';
  const result = await setTopicFollowed(database().db, locals.user, slug, form.get('follow') !== 'false', catalogue.topicSlugs);
  if (!result.ok) return new Response('message' in result ? locals.say(result.message) : 'Not allowed', { status: result.code === 'not_found' ? 404 : 403 });
  return redirect(`/topics/${slug}`, 303);
};
