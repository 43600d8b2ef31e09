// Dates, times and languages through Intl, so each locale gets its
// own conventions without strings of our own.
// The UN writes British English: day before month, 24-hour clock.
const INTL_LOCALE: Record<string, string> = { en: 'en-GB' };

export function intlLocale(locale: string): string {
  return INTL_LOCALE[locale] ?? locale;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), options);
    cache.set(key, format);
  }
  return format;
}

/**
 * Results of the formatting that listings, feeds and emails repeat for the
 * same event on every render: Intl's formatting is the costly part of a
 * listing rendered on a cache miss, and its answers never change. Bounded:
 * emptied when full.
 */
const formatted = new Map<string, string>();
const FORMATTED_LIMIT = 50_000;

function remembered(key: string, format: () => string): string {
  let text = formatted.get(key);
  if (text === undefined) {
    text = format();
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "Thu, 1 Jul 2027, 10:00 – 18:00" in the given zone; spans days when the event does. */
export function formatTimeRange(start: Date, end: Date, timeZone: string, locale: string): string {
  return remembered(`range|${start.getTime()}|${end.getTime()}|${timeZone}|${locale}`, () => dateTimeFormat(locale, { ...DAY, ...TIME, timeZone }).formatRange(start, end));
}

/** "Sat, 1 Aug 2026 – Mon, 31 Jul 2028": two days as one range, written the locale's way (Intl orders and joins them). */
export function formatDayRange(start: Date, end: Date, timeZone: string, locale: string): string {
  return remembered(`days|${start.getTime()}|${end.getTime()}|${timeZone}|${locale}`, () => dateTimeFormat(locale, { ...DAY, timeZone }).formatRange(start, end));
}

export function formatDay(date: Date, timeZone: string, locale: string): string {
  return remembered(`day|${date.getTime()}|${timeZone}|${locale}`, () => dateTimeFormat(locale, { ...DAY, timeZone }).format(date));
}

export function formatDateTime(date: Date, timeZone: string, locale: string): string {
  return remembered(`time|${date.getTime()}|${timeZone}|${locale}`, () => dateTimeFormat(locale, { ...DAY, ...TIME, timeZone }).format(date));
}

/** "Central European Summer Time" for Europe/Vienna in July: names the zone for readers without JavaScript. */
export function zoneName(date: Date, timeZone: string, locale: string): string {
  return remembered(`zone|${date.getTime()}|${timeZone}|${locale}`, () => {
    const part = dateTimeFormat(locale, { timeZone, timeZoneName: 'long' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? timeZone;
  });
}

/** Countries by the names the UN uses, from the portal's one list (not Intl's, which are not the UN's). */
export { countryName } from '../server/countries/countries';

export function languageName(code: string, locale: string): string {
  return remembered(`language|${code}|${locale}`, () => new Intl.DisplayNames([intlLocale(locale)], { type: 'language' }).of(code) ?? code);
}

/** "3 days", "5 hours": how long until a deadline, in the largest sensible unit. */
export function formatDuration(milliseconds: number, locale: string): string {
  const minutes = Math.max(0, Math.round(milliseconds / 60_000));
  const [value, unit] =
    minutes >= 2 * 24 * 60 ? [Math.floor(minutes / (24 * 60)), 'day'] : minutes >= 120 ? [Math.floor(minutes / 60), 'hour'] : [minutes, 'minute'];
  return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

export function formatList(items: string[], locale: string): string {
  return new Intl.ListFormat(intlLocale(locale), { style: 'long', type: 'conjunction' }).format(items);
}
