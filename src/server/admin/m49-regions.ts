// The regions of the UN statistics standard M49 (Africa, Americas, Asia,
// Europe, Oceania), by ISO 3166-1 alpha-2 code, for the participation figures.
// Kept apart from the country list (src/server/countries/), which owns
// names; this owns only which region a code belongs to.
export const M49_REGIONS = ['africa', 'americas', 'asia', 'europe', 'oceania'] as const;
export type M49Region = (typeof M49_REGIONS)[number];

const MEMBERS: Record<M49Region, string> = {
  // Northern, Eastern, Middle, Southern and Western Africa.
  africa:
    'DZ EG LY MA SD TN EH IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW AO CM CF TD CG CD GQ GA ST BW SZ LS NA ZA BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG',
  // Caribbean, Central America, South America, Northern America.
  americas:
    'AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI BZ CR SV GT HN MX NI PA AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE BM CA GL PM US',
  // Central, Eastern, South-eastern, Southern and Western Asia.
  asia: 'KZ KG TJ TM UZ CN HK MO KP JP MN KR TW BN KH ID LA MY MM PH SG TH TL VN AF BD BT IN IR MV NP PK LK AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE',
  // Eastern, Northern, Southern and Western Europe.
  europe: 'BY BG CZ HU PL MD RO RU SK UA AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES XK AT BE FR DE LI LU MC NL CH',
  // Australia and New Zealand, Melanesia, Micronesia, Polynesia.
  oceania: 'AU NZ NF HM CX CC FJ NC PG SB VU GU KI MH FM NR MP PW UM AS CK PF NU PN WS TK TO TV WF',
};

const REGION_OF = new Map<string, M49Region>(M49_REGIONS.flatMap((region) => MEMBERS[region].split(' ').map((code) => [code, region] as const)));

/** The M49 region of a country code; undefined for codes outside every region (Antarctica, unknown codes). */
export function regionOf(countryCode: string): M49Region | undefined {
  return REGION_OF.get(countryCode.toUpperCase());
}
