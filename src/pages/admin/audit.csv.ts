// The audit log as CSV, with the filters of /admin/audit (a bad filter value
// is answered 422 with what is wrong, as the page does).
import type { APIRoute } from 'astro';
import { database } from '../../server/db/index';
import { loadCatalogue } from '../../server/events/catalogue';
import { exportAuditTrail } from '../../server/audit/audit-trail';
import { auditCsv } from '../../server/audit/audit-csv';

const text = (body: string, status: number) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export const GET: APIRoute = async ({ locals, url, redirect }) => {
  if (!locals.user) return redirect('/signin', 303);
  const exported = await exportAuditTrail(database().db, locals.user, url.searchParams);
  if (!exported.ok) return text('message' in exported ? exported.message : 'Not allowed.', exported.code === 'forbidden' ? 403 : 404);
  const issues = Object.entries(exported.value.issues);
  if (issues.length > 0) return text(issues.map(([field, message]) => `${field}: ${message}`).join('\n'), 422);
  const catalogue = await loadCatalogue();
  const t = locals.messages;
  const csv = auditCsv(exported.value.entries, {
    action: (action) => t.admin.actions[action] ?? action,
    subject: (entry) => {
      const event = entry.subject.eventKey ? (catalogue.findEventByKey(entry.subject.eventKey)?.title ?? entry.subject.eventKey) : undefined;
      if (entry.subject.type === 'registration') return t.workspace.audit.registrationOf(entry.subject.person ?? t.workspace.audit.gone(entry.subject.id), event ?? '');
      return entry.subject.name ?? event ?? t.workspace.audit.gone(entry.subject.id);
    },
  });
  return new Response(csv, {
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="audit-log.csv"', 'Cache-Control': 'private, no-store' },
  });
};
