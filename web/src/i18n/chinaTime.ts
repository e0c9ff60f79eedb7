/**
 * Dates as staff in Guangdong read them. The app's timestamps are China Standard Time wall-clock
 * time (UTC+8, no daylight saving), so "today" and dates in file names are taken in UTC+8 too: a
 * UTC date would still be yesterday before 08:00 in Guangzhou.
 */
export const CHINA_UTC_OFFSET_MS = 8 * 3_600_000;

/** The calendar date (YYYY-MM-DD) in China Standard Time at `epochMs`. */
export function chinaDate(epochMs: number): string {
  return new Date(epochMs + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Date and time in China Standard Time for file names: YYYY-MM-DD-HH-MM-SS. */
export function chinaFileStamp(epochMs: number): string {
  return new Date(epochMs + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 19).replace(/[:T]/g, '-');
}
