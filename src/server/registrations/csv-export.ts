// CSV of an event's registrants. A cell that a spreadsheet would read as a
// formula (= + - @, or a tab/CR that some read the same way) is prefixed with
// an apostrophe (OWASP "CSV injection").
import { countryName } from '../countries/countries';
import type { PortalEvent } from '../events/portal-event';
import { contentDisposition } from '../submissions/pdf-attachments';
import type { EventRegistrationRow } from './registration-lists';

export function escapeCsvCell(value: string | number | boolean | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS: [string, (row: EventRegistrationRow) => string | number | boolean | null][] = [
  ['queue', (row) => row.queueNumber],
  ['name', (row) => row.personName],
  ['email', (row) => row.email],
  ['organisation', (row) => row.organisation],
  ['organisation type', (row) => row.organisationType],
  // The code for sorting and joining with other data, the UN name for reading.
  ['country code', (row) => row.country],
  ['country', (row) => countryName(row.country, 'en')],
  ['ECOSOC status', (row) => row.ecosocStatus],
  ['mode', (row) => row.mode],
  ['state', (row) => row.state],
  ['travel support', (row) => (row.travelSupport ? 'yes' : 'no')],
  ['wants to speak', (row) => (row.wantsToSpeak ? 'yes' : 'no')],
  ['accessibility needs', (row) => row.accessibilityNeeds],
  ['statement', (row) => row.statement],
  ['decision reason', (row) => row.reason],
  ['applied at', (row) => row.createdAt],
];

export function registrationsCsv(rows: EventRegistrationRow[]): string {
  const lines = [COLUMNS.map(([name]) => escapeCsvCell(name)).join(',')];
  for (const row of rows) lines.push(COLUMNS.map(([, pick]) => escapeCsvCell(pick(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The download's headers. The name comes from the event as the catalogue
 * knows it (never from the address asked for), and goes through RFC 6266:
 * an ASCII filename plus filename* for a slug with other characters, so no
 * header value can carry a line break or a character Latin-1 cannot hold.
 */
export function registrationsCsvHeaders(event: Pick<PortalEvent, 'collection' | 'slug'>): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': contentDisposition(`registrations-${event.collection}-${event.slug}.csv`),
    'Cache-Control': 'private, no-store',
  };
}
