// How the figures' groups are named for people (on the page and in the CSV).
import type { Messages } from './index';
import { countryName } from './format';
import type { FigureRow, ParticipationFigures } from '../server/admin/participation-figures';

export function figureTables(figures: ParticipationFigures, t: Messages, locale: string): { name: string; rows: FigureRow[]; label: (row: FigureRow) => string }[] {
  const w = t.workspace.figures;
  const own = (row: FigureRow) => row.label;
  return [
    { name: w.perHeading(w.groupings[figures.filter.by] ?? figures.filter.by), rows: figures.groups, label: own },
    { name: w.totalHeading, rows: [figures.total], label: () => w.totalHeading },
    { name: w.byTypeHeading, rows: figures.byType, label: (row) => t.organisationTypes[row.key] ?? row.key },
    { name: w.byRegionHeading, rows: figures.byRegion, label: (row) => w.regions[row.key] ?? row.key },
    { name: w.byCountryHeading, rows: figures.byCountry, label: (row) => countryName(row.key, locale) },
    { name: w.byEcosocHeading, rows: figures.byEcosoc, label: (row) => t.account.ecosocOptions[row.key] ?? row.key },
  ];
}
