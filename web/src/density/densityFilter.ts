/**
 * The time filter staff scrub on the map: an hour-of-day window and a set of weekdays.
 * Hours are local wall-clock hours 0–23; a window may wrap past midnight (22 → 5).
 * Weekdays follow ISO numbering (1 = Monday … 7 = Sunday), as DuckDB's isodow().
 */
export interface DensityFilter {
  hourFrom: number;
  hourTo: number;
  weekdays: number[];
}

export const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
export const ALL_DAY: DensityFilter = { hourFrom: 0, hourTo: 23, weekdays: ALL_WEEKDAYS };

function checkHour(hour: number): number {
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new RangeError(`hour out of range 0–23: ${hour}`);
  return hour;
}

/** The hours selected by the window, in order, wrapping past midnight when hourTo < hourFrom. */
export function selectedHours(filter: DensityFilter): number[] {
  const from = checkHour(filter.hourFrom);
  const to = checkHour(filter.hourTo);
  const hours: number[] = [];
  for (let h = from; ; h = (h + 1) % 24) {
    hours.push(h);
    if (h === to) break;
  }
  return hours;
}

/**
 * A SQL predicate on the `hour` and `weekday` columns; 'true' when nothing is filtered. With
 * `nullMatches`, a row without an hour (or weekday) passes, as heat grids often have none.
 */
export function filterPredicateSql(filter: DensityFilter, nullMatches = false): string {
  const hours = selectedHours(filter);
  const weekdays = [...new Set(filter.weekdays)].filter((d) => Number.isInteger(d) && d >= 1 && d <= 7).sort();
  const parts: string[] = [];
  if (hours.length < 24) {
    const from = filter.hourFrom;
    const to = filter.hourTo;
    parts.push(from <= to ? `hour BETWEEN ${from} AND ${to}` : `(hour >= ${from} OR hour <= ${to})`);
  }
  if (weekdays.length === 0) parts.push('false');
  else if (weekdays.length < 7) parts.push(`weekday IN (${weekdays.join(', ')})`);
  if (nullMatches) {
    parts.forEach((part, i) => {
      const column = part.includes('weekday') ? 'weekday' : 'hour';
      parts[i] = `(${column} IS NULL OR ${part})`;
    });
  }
  return parts.length ? parts.join(' AND ') : 'true';
}

/** Weekdays as compact ranges, for links and command lines: [1,2,3,4,5,7] → "1-5,7". */
export function formatWeekdayRanges(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j;
  }
  return parts.join(',');
}

/** The inverse of formatWeekdayRanges; null when any part is not a day 1–7 or a range of them. */
export function parseWeekdayRanges(text: string): number[] | null {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map((x) => (x.trim() === '' ? NaN : Number(x)));
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 1 && to <= 7 && from <= to)) return null;
    for (let d = from; d <= to; d++) days.add(d);
  }
  return [...days].sort((a, b) => a - b);
}
