// Frozen. Countries move from every region code Intl knows (273, with former
// States and ISO's reserved codes) to the UN's list: Member States, observer
// States and the areas of M49. A stored code that is not on that list becomes
// the code of the country or area M49 counts it in, so every organisation,
// pending identity change and event venue still names a place on the list.
// The audit log keeps what was recorded then.
import type { Kysely } from 'kysely';

export const RENAMED_COUNTRY_CODES: Readonly<Record<string, string>> = {
  AC: 'SH', // Ascension Island: part of Saint Helena in M49
  TA: 'SH', // Tristan da Cunha: likewise
  AN: 'CW', // Netherlands Antilles, dissolved in 2010: Curaçao was its seat of government
  BU: 'MM', // Burma
  CP: 'FR', // Clipperton Island
  CQ: 'GG', // Sark: part of the Bailiwick of Guernsey
  CS: 'RS', // Serbia and Montenegro: Serbia continues its UN membership
  DD: 'DE', // German Democratic Republic
  DG: 'IO', // Diego Garcia: British Indian Ocean Territory
  DY: 'BJ', // Dahomey
  EA: 'ES', // Ceuta and Melilla
  IC: 'ES', // Canary Islands
  FX: 'FR', // Metropolitan France
  HV: 'BF', // Upper Volta
  NH: 'VU', // New Hebrides
  RH: 'ZW', // Southern Rhodesia
  SU: 'RU', // USSR: the Russian Federation continues its UN membership
  TP: 'TL', // East Timor
  TW: 'CN', // Taiwan: M49 counts it in China ("China, Taiwan Province of" in UN statistics)
  UK: 'GB', // United Kingdom, ISO's reserved code
  VD: 'VN', // Democratic Republic of Viet-Nam
  XK: 'RS', // Kosovo: M49 and UN statistics count it in Serbia (UNSC resolution 1244)
  YD: 'YE', // Democratic Yemen
  YU: 'RS', // Yugoslavia
  ZR: 'CD', // Zaire
};

export async function up(db: Kysely<any>): Promise<void> {
  for (const [from, to] of Object.entries(RENAMED_COUNTRY_CODES)) {
    await db.updateTable('organisations').set({ country: to }).where('country', '=', from).execute();
    await db.updateTable('identity_changes').set({ country: to }).where('country', '=', from).execute();
  }
  // Event versions keep their front matter as JSON; only a venue's country changes.
  const versions = await db.selectFrom('stored_event_versions').select(['event_key', 'version', 'data']).where('data', 'like', '%"country"%').execute();
  for (const row of versions) {
    const data = JSON.parse(row.data);
    const to = data?.venue ? RENAMED_COUNTRY_CODES[data.venue.country] : undefined;
    if (!to) continue;
    data.venue.country = to;
    await db
      .updateTable('stored_event_versions')
      .set({ data: JSON.stringify(data) })
      .where('event_key', '=', row.event_key)
      .where('version', '=', row.version)
      .execute();
  }
}
