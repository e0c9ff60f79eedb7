/**
 * What the planner keeps in a project, the autosave and localStorage ('atlas.lastPlan'): the plan
 * settings and the last plan, each with its default. The settings' checks are the ones a plan
 * run and the CLI apply (checkPlanSettings below), with the same messages, so a stored value is
 * refused for the same reason a typed one is.
 */
import { z } from 'zod';
import { reachSchema } from '../coverage/coverageConfig';
import { densityFilterSchema } from '../density/densityConfig';
import type { Plan } from './planModel';
import { defaultPlanSettings, type PlanSettings } from './planSettings';

type Message = (value: unknown) => string;

/** A number whose every failure (not a number, not whole, out of range) gives one message with the value. */
function checkedNumber(message: Message, test: (n: number) => boolean) {
  return z.number({ error: (issue) => message(issue.input) }).refine(test, { error: (issue) => message(issue.input) });
}

const wholeIn = (min: number, max: number) => (n: number) => Number.isInteger(n) && n >= min && n <= max;

function oneOf<const T extends readonly [string, ...string[]]>(what: string, values: T) {
  return z.enum(values, { error: (issue) => `${what} must be one of ${values.join(', ')}: ${String(issue.input)}` });
}

const yesNo = (what: string) => z.boolean({ error: (issue) => `${what} must be true or false: ${String(issue.input)}` });

const EXCLUSIONS_MESSAGE = 'exclusions must be a list of rings, each of at least 3 [lon, lat] points';
const exclusionError = { error: EXCLUSIONS_MESSAGE };
const ringPoint = z.tuple([z.number(exclusionError).min(-180, exclusionError).max(180, exclusionError), z.number(exclusionError).min(-90, exclusionError).max(90, exclusionError)], exclusionError);

/** Field order is the order of the checks: the first failing one is the message a plan run gives. */
export const planSettingsSchema = z.object({
  k: checkedNumber((v) => `k must be a whole number 1–200: ${String(v)}`, wholeIn(1, 200)),
  source: oneOf('source', ['pings', 'heat_grid']),
  filter: densityFilterSchema,
  measure: oneOf('measure', ['drivers', 'pings', 'weight']),
  nonMembersOnly: yesNo('nonMembersOnly'),
  uncoveredOnly: yesNo('uncoveredOnly'),
  reach: reachSchema,
  cellSizeM: checkedNumber((v) => `cell size must be 100–5000 m: ${String(v)}`, (n) => n >= 100 && n <= 5000),
  candidates: oneOf('candidates', ['cells', 'venues', 'both']),
  minSpacingM: checkedNumber((v) => `minimum spacing must be ≥ 0: ${String(v)}`, (n) => n >= 0),
  exclusions: z.array(z.array(ringPoint, exclusionError).min(3, exclusionError), exclusionError),
  solver: oneOf('solver', ['greedy', 'exact']),
  exactTimeLimitS: checkedNumber((v) => `time limit must be positive: ${String(v)}`, (n) => n > 0),
  drives: checkedNumber((v) => `drives must be a whole number 0–200: ${String(v)}`, wholeIn(0, 200)),
  startDate: z
    .string({ error: (issue) => `start date must be YYYY-MM-DD: ${String(issue.input)}` })
    .refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: (issue) => `start date must be YYYY-MM-DD: ${String(issue.input)}` }),
  driveHours: checkedNumber((v) => `drive length must be 1–12 hours: ${String(v)}`, wholeIn(1, 12)),
}) satisfies z.ZodType<PlanSettings>;

/** The settings as checked (weekdays tidied); throws a RangeError with the first failing check's message. */
export function validPlanSettings(settings: unknown): PlanSettings {
  const result = planSettingsSchema.safeParse(settings);
  if (!result.success) throw new RangeError(result.error.issues[0]?.message ?? 'invalid plan settings');
  return result.data;
}

/** Rejects settings that cannot make a plan, with the reason in the user's terms. */
export function checkPlanSettings(settings: PlanSettings): void {
  validPlanSettings(settings);
}

// The plan as runPlan makes it. Checked as a whole (a plan is one result): anything the panel,
// the print view, the map layers or the exports read must be there with its type.
const finite = z.number();
const count = z.number().int().min(0);
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
/** Figures HiGHS may leave infinite, which JSON stores as null: read back as absent. */
const optionalFigure = z.number().or(z.null().transform(() => undefined)).optional();

const slotSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hourFrom: z.number().int().min(0).max(23),
  hourTo: z.number().int().min(1).max(24),
  score: finite,
});

const scheduledDriveSchema = z.object({
  drive: count,
  rank: z.number().int().min(1),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  weekday: z.number().int().min(1).max(7),
  hourFrom: z.number().int().min(0).max(23),
  hourTo: z.number().int().min(1).max(24),
  score: finite,
});

const plannedSiteSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['cell', 'venue', 'charging']),
  lon,
  lat,
  rank: z.number().int().min(1),
  district: z.string(),
  gain: finite,
  drivers: finite,
  newDrivers: finite,
  pings: finite,
  newPings: finite,
  bestSlot: slotSchema.nullable(),
  /** Weekday × hour, as profileIndex lays it out. */
  profile: z.array(finite).length(7 * 24),
  why: z.array(z.object({ lon, lat, district: z.string(), value: finite })),
});

export const planSchema = z
  .object({
    version: z.literal(1),
    settings: planSettingsSchema,
    measure: z.enum(['drivers', 'pings', 'weight']),
    radiusM: z.number().positive(),
    counts: z.object({ demandCells: count, candidates: count, excluded: count }),
    demand: z.object({ drivers: finite, pings: finite, weight: finite, measureTotal: finite }),
    reached: z.object({ drivers: finite, measure: finite }),
    solver: z.object({
      kind: z.enum(['greedy', 'exact']),
      greedyCovered: finite,
      greedyMs: finite,
      exactStatus: z.enum(['optimal', 'timeLimit', 'interrupted', 'other']).optional(),
      exactCovered: optionalFigure,
      bound: optionalFigure,
      exactMs: optionalFigure,
      greedyGapPct: optionalFigure,
    }),
    sites: z.array(plannedSiteSchema),
    schedule: z.array(scheduledDriveSchema),
  })
  .meta({ stored: 'whole' }) satisfies z.ZodType<Plan>;

/**
 * planSettings is walked field by field (a bad k resets k only); the plan is one value, and null
 * until a plan is made.
 */
export const plannerConfigSchema = z.object({
  planSettings: planSettingsSchema,
  plan: planSchema.nullable(),
});

export type PlannerConfig = z.infer<typeof plannerConfigSchema>;

export function defaultPlannerConfig(): PlannerConfig {
  return { planSettings: defaultPlanSettings(), plan: null };
}
