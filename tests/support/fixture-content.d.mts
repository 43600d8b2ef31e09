export const FIXTURE_CONTENT_DIR: string;
export function shiftDaysFor(nowMs: number): number;
export function shiftDate(text: string, days: number): string;
export function prepareFixtureContent(nowMs?: number, source?: string): string;
export function fixtureShiftDays(): number;
export function fixtureDate(text: string): string;
