/**
 * How far a driver gets in the time budget without a road network: straight-line radius =
 * speed × minutes ÷ detour factor. The detour factor (network distance ÷ straight-line distance)
 * is about 1.2–1.4 in dense Chinese city grids; 1.3 is the default, editable per mode. With a
 * road network loaded, network isochrones replace the circles.
 */
export type TravelMode = 'walk' | 'ebike' | 'drive';

export interface ReachSettings {
  mode: TravelMode;
  speedKmh: number;
  minutes: number;
  detourFactor: number;
}

export const DEFAULT_SPEED_KMH: Record<TravelMode, number> = { walk: 4.8, ebike: 15, drive: 25 };
export const DEFAULT_DETOUR_FACTOR = 1.3;
export const MINUTES_RANGE = { min: 5, max: 30 } as const;

export function defaultReach(mode: TravelMode = 'ebike', minutes = 15): ReachSettings {
  return { mode, speedKmh: DEFAULT_SPEED_KMH[mode], minutes, detourFactor: DEFAULT_DETOUR_FACTOR };
}

/** The straight-line radius (metres) reachable within the budget. */
export function reachRadiusM(settings: ReachSettings): number {
  if (!(settings.speedKmh > 0)) throw new RangeError(`speed must be positive: ${settings.speedKmh}`);
  if (settings.minutes < MINUTES_RANGE.min || settings.minutes > MINUTES_RANGE.max) throw new RangeError(`minutes must be ${MINUTES_RANGE.min}–${MINUTES_RANGE.max}: ${settings.minutes}`);
  if (!(settings.detourFactor >= 1)) throw new RangeError(`detour factor must be ≥ 1: ${settings.detourFactor}`);
  return ((settings.speedKmh * 1000) / 60) * settings.minutes / settings.detourFactor;
}
