import type { APIRoute } from 'astro';
import { config } from '../../server/config';
import { database } from '../../server/db/index';
import { eventDocumentsDirectory, readEventDocument } from '../../server/event-editor/event-documents';
import { attachmentResponseHeaders } from '../../server/submissions/pdf-attachments';

// An event's uploaded PDF: public like the event page that links it, at an
// address that never changes (a random id), and only ever a download.
export const GET: APIRoute = async ({ params }) => {
  const document = await readEventDocument(database().db, params.file ?? '', eventDocumentsDirectory(config().ATTACHMENTS_DIR));
  if (!document) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const headers = attachmentResponseHeaders(document.name, document.bytes.byteLength);
  // The bytes behind an id never change; the event page is what says whether it is still listed.
  return new Response(document.bytes, { headers: { ...headers, 'Cache-Control': 'public, max-age=86400' } });
};
