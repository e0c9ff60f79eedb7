/**
 * When to hold a drive. Each site has a weekday × hour profile of the drivers its reach catches
 * (from the pings in the chosen time filter). A slot is a run of `hours` consecutive hours on
 * one weekday; its score is the sum of the profile over those hours (drivers present, hour by
 * hour). The schedule then gives N drives, site by site in rank order (round robin when N > k),
 * each at the site's best slot on the earliest date from the start that does not overlap a drive
 * already placed: one team cannot be in two places at once.
 */
export interface Slot {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  hourFrom: number;
  /** Exclusive end hour (hourFrom + length), at most 24. */
  hourTo: number;
  score: number;
}

export interface ScheduledDrive {
  drive: number;
  /** Rank of the site (1-based), as in the plan. */
  rank: number;
  date: string;
  weekday: number;
  hourFrom: number;
  hourTo: number;
  score: number;
}

/** Index into a weekday × hour profile (weekday 1–7, hour 0–23). */
export const profileIndex = (weekday: number, hour: number) => (weekday - 1) * 24 + hour;

/** Every slot of `hours` consecutive hours with a positive score, best first (ties: earlier day, earlier hour). */
export function rankedSlots(profile: ArrayLike<number>, hours: number): Slot[] {
  const slots: Slot[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let from = 0; from + hours <= 24; from++) {
      let score = 0;
      for (let h = from; h < from + hours; h++) score += profile[profileIndex(weekday, h)] ?? 0;
      if (score > 0) slots.push({ weekday, hourFrom: from, hourTo: from + hours, score });
    }
  }
  return slots.sort((a, b) => b.score - a.score || a.weekday - b.weekday || a.hourFrom - b.hourFrom);
}

export function bestSlot(profile: ArrayLike<number>, hours: number): Slot | null {
  return rankedSlots(profile, hours)[0] ?? null;
}

const DAY_MS = 86_400_000;

/** ISO weekday (1 = Monday) of a YYYY-MM-DD date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** How many weeks ahead a drive may be pushed before its next-best slot is tried. */
const HORIZON_WEEKS = 12;

/**
 * N drives over the coming weeks. `slotsBySite[i]` are the ranked slots of the site ranked i + 1;
 * a site with no slot (no timed demand) is skipped.
 */
export function scheduleDrives(slotsBySite: readonly Slot[][], drives: number, startDate: string): ScheduledDrive[] {
  const placed: ScheduledDrive[] = [];
  const visits = slotsBySite.map(() => 0);
  const order = slotsBySite.map((_slots, i) => i).filter((i) => slotsBySite[i].length > 0);
  if (order.length === 0) return placed;
  const overlaps = (date: string, from: number, to: number) => placed.some((d) => d.date === date && d.hourFrom < to && from < d.hourTo);
  for (let n = 0; n < drives; n++) {
    const site = order[n % order.length];
    const visit = visits[site]++;
    let chosen: ScheduledDrive | null = null;
    // Best slot first; a repeat visit starts looking a week after the previous one.
    for (const slot of slotsBySite[site]) {
      const offset = (slot.weekday - isoWeekday(startDate) + 7) % 7;
      for (let week = visit; week < visit + HORIZON_WEEKS && !chosen; week++) {
        const date = addDays(startDate, offset + 7 * week);
        if (!overlaps(date, slot.hourFrom, slot.hourTo)) chosen = { drive: n + 1, rank: site + 1, date, weekday: slot.weekday, hourFrom: slot.hourFrom, hourTo: slot.hourTo, score: slot.score };
      }
      if (chosen) break;
    }
    if (chosen) placed.push(chosen);
  }
  return placed.sort((a, b) => a.date.localeCompare(b.date) || a.hourFrom - b.hourFrom || a.drive - b.drive).map((d, i) => ({ ...d, drive: i + 1 }));
}
