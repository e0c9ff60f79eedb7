/**
 * The weekly rhythm of freight work: how likely a driver is to work on each weekday, and when
 * shifts start. Platform reports and common sense agree on the shape (weekday peaks, quieter
 * Saturday, quietest Sunday; day shifts starting 6–9 h with a produce-market night shift).
 */
/** Probability that a regular driver works, by ISO weekday (index 1 = Monday … 7 = Sunday). */
export const WORK_PROBABILITY_BY_WEEKDAY = [0, 0.93, 0.94, 0.93, 0.92, 0.9, 0.72, 0.45] as const;

export interface ShiftPlan {
  startHour: number;
  lengthHours: number;
}

export const DAY_SHIFT = { startMean: 7.5, startSd: 1.0, lengthMean: 10, lengthSd: 1.5 } as const;
export const NIGHT_SHIFT = { startMean: 21.5, startSd: 1.0, lengthMean: 8, lengthSd: 1.0 } as const;

/** Minutes of dwell at a stop: loading at hubs takes longer than a charging top-up. */
export const DWELL_MINUTES = { hub: [25, 90], charger: [20, 50], delivery: [10, 35] } as const;

/** Mean van speed in Guangzhou traffic, km/h (including lights and congestion). */
export const TRAVEL_SPEED_KMH = 24;
