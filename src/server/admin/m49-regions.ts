// The five regions of the UN statistics standard M49 (Africa, Americas, Asia,
// Europe, Oceania) for the participation figures, read from the shared
// country list (src/server/countries/), which knows each code's region.
import { regionsOf } from '../countries/countries';

export const M49_REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
export type M49Region = (typeof M49_REGIONS)[number];

/** The M49 codes of the five regions. */
const REGION_BY_M49: Record<string, M49Region> = { '002': 'africa', '019': 'americas', '142': 'asia', '150': 'europe', '009': 'oceania' };

/** The M49 region of a country code; undefined for codes outside every region (Antarctica, unknown codes). */
export function regionOf(countryCode: string): M49Region | undefined {
  const widest = regionsOf(countryCode.toUpperCase()).at(-1);
  return widest ? REGION_BY_M49[widest.m49] : undefined;
}
