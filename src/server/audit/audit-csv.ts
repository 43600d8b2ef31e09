// The audit log as CSV, with the page's filters. Cells are escaped as in the
// registrants' export (a spreadsheet must not read a reason as a formula).
import { escapeCsvCell } from '../registrations/csv-export';
import type { AuditTrailEntry } from './audit-trail';

export interface AuditCsvWords {
  /** An action's name as the page shows it. */
  action: (action: string) => string;
  /** An entry's subject as the page shows it (event titles resolved). */
  subject: (entry: AuditTrailEntry) => string;
}

const HEADER = ['when (UTC)', 'who', 'who (email)', 'action', 'action code', 'subject type', 'subject id', 'subject', 'reason', 'changes'];

export function auditCsv(entries: readonly AuditTrailEntry[], words: AuditCsvWords): string {
  const lines = [HEADER.map(escapeCsvCell).join(',')];
  for (const entry of entries) {
    lines.push(
      [
        entry.at,
        entry.actor?.name ?? 'admin command line',
        entry.actor?.email ?? '',
        words.action(entry.action),
        entry.action,
        entry.subject.type,
        entry.subject.id,
        words.subject(entry),
        entry.reason,
        entry.changes.map((change) => `${change.field}: ${change.from ?? ''} -> ${change.to ?? ''}`).join('; '),
      ]
        .map(escapeCsvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
