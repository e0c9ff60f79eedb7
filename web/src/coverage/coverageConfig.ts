/**
 * What the coverage capability keeps in a project: the reach (travel mode, speed, time budget,
 * detour factor) and whether coverage is shown, each with its default. The messages are those
 * reachRadiusM throws, so the CLI and the planner say the same thing for the same value.
 */
import { z } from 'zod';
import { defaultReach, MINUTES_RANGE, type ReachSettings } from './travelModes';

/** Faster than any freight vehicle in a city: a larger value is a typo, and would reach the whole map. */
export const MAX_SPEED_KMH = 200;
/** The panel offers 1–3; a road network's detour is rarely above 2, so 5 leaves room without nonsense. */
export const MAX_DETOUR_FACTOR = 5;

/** A number whose every failure (not a number, or out of range) gives the same message, with the value. */
const checkedNumber = (message: (value: unknown) => string, ...tests: ((n: number) => boolean)[]) =>
  tests.reduce((schema, test) => schema.refine(test, { error: (issue) => message(issue.input) }), z.number({ error: (issue) => message(issue.input) }));

export const travelModeSchema = z.enum(['walk', 'ebike', 'drive'], { error: (issue) => `travel mode must be walk, ebike or drive: ${String(issue.input)}` });

export const reachSchema = z.object({
  mode: travelModeSchema,
  speedKmh: checkedNumber((v) => `speed must be positive: ${String(v)}`, (n) => n > 0).refine((n) => n <= MAX_SPEED_KMH, {
    error: (issue) => `speed must be at most ${MAX_SPEED_KMH} km/h: ${String(issue.input)}`,
  }),
  minutes: checkedNumber((v) => `minutes must be ${MINUTES_RANGE.min}–${MINUTES_RANGE.max}: ${String(v)}`, (n) => n >= MINUTES_RANGE.min && n <= MINUTES_RANGE.max),
  detourFactor: checkedNumber((v) => `detour factor must be ≥ 1: ${String(v)}`, (n) => n >= 1).refine((n) => n <= MAX_DETOUR_FACTOR, {
    error: (issue) => `detour factor must be at most ${MAX_DETOUR_FACTOR}: ${String(issue.input)}`,
  }),
}) satisfies z.ZodType<ReachSettings>;

export const coverageConfigSchema = z.object({
  reach: reachSchema,
  coverageEnabled: z.boolean(),
});

export type CoverageConfig = z.infer<typeof coverageConfigSchema>;

export function defaultCoverageConfig(): CoverageConfig {
  return { reach: defaultReach('ebike', 15), coverageEnabled: false };
}
