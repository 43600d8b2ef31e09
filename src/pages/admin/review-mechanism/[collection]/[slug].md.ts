// One Review Mechanism entry as the text of its content file, for the
// secretariat to commit (secretariat only; never cached).
import type { APIRoute } from 'astro';
import { portalNow } from '../../../../server/clock';
import { database } from '../../../../server/db/index';
import { loadCatalogue } from '../../../../server/events/catalogue';
import { loadReviewContent } from '../../../../server/review-mechanism/review-content';
import { reviewEditorContext } from '../../../../server/review-editor/review-editor-context';
import { isReviewCollection } from '../../../../server/review-editor/review-entry-rows';
import { reviewEntryFile } from '../../../../server/review-editor/review-entry-files';

export const GET: APIRoute = async ({ params, locals, redirect, rewrite }) => {
  if (!locals.user) return redirect('/signin', 303);
  const { collection, slug } = params;
  if (!slug || !isReviewCollection(collection)) return rewrite('/404');
  const [catalogue, content] = await Promise.all([loadCatalogue(), loadReviewContent()]);
  const file = await reviewEntryFile(database().db, locals.user, collection, slug, reviewEditorContext(content, catalogue.events, portalNow()));
  if (!file.ok) return file.code === 'not_found' ? rewrite('/404') : new Response('message' in file ? locals.say(file.message) : '', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(file.value.text, {
    headers: {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.value.name}"`,
      'Cache-Control': 'private, no-store',
    },
  });
};
