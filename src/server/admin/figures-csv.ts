// Every table of the participation figures in one CSV: a "table" column says
// which. Cells are escaped as in the registrants' export. Each row says
// whether "took part" is recorded attendance, and for how many of its events
// attendance was not recorded (approved places counted instead).
import { escapeCsvCell } from '../registrations/csv-export';
import type { FigureRow, ParticipationFigures } from './participation-figures';

/** The flag on a row whose "took part" counts approved places for some event, attendance not having been recorded there. */
function tookPartFrom(row: FigureRow): string {
  return row.attendanceNotRecorded > 0 ? 'not recorded' : '';
}

export function figuresCsv(figures: ParticipationFigures, tables: { name: string; rows: FigureRow[]; label: (row: FigureRow) => string }[], inputLabel: (key: string, label: string) => string): string {
  const header = ['table', 'group', 'code', 'applied: organisations', 'applied: people', 'approved: organisations', 'approved: people', 'took part: organisations', 'took part: people', 'attendance', 'attendance not recorded: events'];
  const lines = [header.map(escapeCsvCell).join(',')];
  for (const table of tables) {
    for (const row of table.rows) {
      lines.push(
        [table.name, table.label(row), row.key, row.applied.organisations, row.applied.people, row.approved.organisations, row.approved.people, row.tookPart.organisations, row.tookPart.people, tookPartFrom(row), row.attendanceNotRecorded]
          .map(escapeCsvCell)
          .join(','),
      );
    }
  }
  lines.push('');
  lines.push(['table', 'call', 'code', 'received', 'published'].map(escapeCsvCell).join(','));
  for (const call of figures.input) lines.push(['written input', inputLabel(call.callKey, call.label), call.callKey, call.received, call.published].map(escapeCsvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
