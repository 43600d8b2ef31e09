import type { APIRoute } from 'astro';
import { config } from '../../../server/config';
import { database } from '../../../server/db/index';
import { viewSubmission } from '../../../server/submissions/submissions';
import { attachmentResponseHeaders, readAttachment } from '../../../server/submissions/pdf-attachments';

// Served only as a download, with the same visibility as the input itself.
export const GET: APIRoute = async ({ params, locals }) => {
  const view = await viewSubmission(database().db, locals.user, params.id ?? '');
  if (!view.ok && view.code === 'gone') return new Response('Gone: the secretariat took this input down.', { status: 410 });
  if (!view.ok || !view.value.row.attachment_stored_name) return new Response('Not found', { status: 404 });
  const { attachment_stored_name: storedName, attachment_name: name } = view.value.row;
  const bytes = await readAttachment(storedName, config().ATTACHMENTS_DIR);
  if (!bytes) return new Response('Not found', { status: 404 });
  return new Response(bytes, { headers: attachmentResponseHeaders(name ?? 'attachment.pdf', bytes.byteLength) });
};
