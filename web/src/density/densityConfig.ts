/**
 * What the density capability keeps in a project, the autosave and the address: the time filter,
 * the data source, the layer, the measure and the hexagon size, each with its default. The
 * schemas are the one description of these shapes; project/projectConfig.ts reads them back.
 */
import { z } from 'zod';
import type { DensityMode } from './cellTypes';
import type { DensityMetric } from './densityCells';
import { ALL_DAY, type DensityFilter } from './densityFilter';
import type { DemandSource } from './densityQueries';
import { HEX_SIZES_M } from './hexGrid';

/** The messages densityFilter.ts throws for the same values, so every reader says the same thing. */
const hourMessage = (issue: { input?: unknown }) => `hour out of range 0–23: ${String(issue.input)}`;
const hour = z.number({ error: hourMessage }).int({ error: hourMessage }).min(0, { error: hourMessage }).max(23, { error: hourMessage });
const weekdayMessage = (issue: { input?: unknown }) => `weekdays are 1 (Monday) to 7 (Sunday): ${String(issue.input)}`;
const weekday = z.number({ error: weekdayMessage }).int({ error: weekdayMessage }).min(1, { error: weekdayMessage }).max(7, { error: weekdayMessage });

/**
 * One time window: a bad part resets the whole window, since half of a window is a different
 * window. Weekdays are stored sorted and unique; an unsorted or repeated list still means the
 * same days, so it is tidied rather than refused.
 */
export const densityFilterSchema = z.object({
  hourFrom: hour,
  hourTo: hour,
  weekdays: z.array(weekday, { error: weekdayMessage }).transform((days) => [...new Set(days)].sort((a, b) => a - b)),
}).meta({ stored: 'whole' }) satisfies z.ZodType<DensityFilter>;

export const demandSourceSchema = z.enum(['pings', 'heat_grid']) satisfies z.ZodType<DemandSource>;
export const densityModeSchema = z.enum(['heatmap', 'hexagons']) satisfies z.ZodType<DensityMode>;
export const densityMetricSchema = z.enum(['pings', 'drivers']) satisfies z.ZodType<DensityMetric>;
export const hexSizeSchema = z.number().refine((m) => HEX_SIZES_M.includes(m), { error: `hexagon size must be one of ${HEX_SIZES_M.join(', ')} m` });

export const densityConfigSchema = z.object({
  filter: densityFilterSchema,
  source: demandSourceSchema,
  mode: densityModeSchema,
  metric: densityMetricSchema,
  hexSizeM: hexSizeSchema,
});

export type DensityConfig = z.infer<typeof densityConfigSchema>;

export function defaultDensityConfig(): DensityConfig {
  return { filter: { ...ALL_DAY, weekdays: [...ALL_DAY.weekdays] }, source: 'pings', mode: 'heatmap', metric: 'drivers', hexSizeM: 500 };
}
