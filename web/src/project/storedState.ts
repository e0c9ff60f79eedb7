/**
 * One parser for every shape the app reads back from storage (a project file, the autosave, the
 * address, localStorage). It never throws and never blanks the page: a value that does not match
 * its schema falls back to its own default, the rest is kept, and each fallback is reported as a
 * problem naming the field, so the user is told what was reset instead of losing everything.
 *
 * Rules, from the root down:
 * - an object schema is walked field by field (unknown extra keys are ignored), unless it is
 *   marked `stored: 'whole'`: then it is one value, as a time window or an edit history must be;
 * - an array marked `stored: 'eachItem'` keeps its good items and drops (and reports) each bad one;
 * - anything else is parsed as one value;
 * - an absent field takes its default; that is a problem unless the field is optional in its
 *   schema or marked `addedLater` (files from before the field existed lack it, rightly).
 */
import { z } from 'zod';

export type StoreName = 'file' | 'snapshot' | 'url' | 'localStorage' | 'cli';

export interface StoredProblem {
  store: StoreName;
  /** Dotted path from the root object, e.g. 'reach.speedKmh'; an item of a list ends in its index. */
  field: string;
  /** What was wrong, in the schema's words (English: it is also for whoever reads a bug report). */
  reason: string;
}

export interface Parsed<T> {
  value: T;
  problems: StoredProblem[];
}

/**
 * How the walker treats a schema, set where the schema is declared with zod's own `.meta()` (so
 * the configs in every folder can say it without importing this one):
 *   `.meta({ stored: 'whole' })`, `.meta({ stored: 'eachItem' })`, `.meta({ addedLater: true })`.
 * `.meta()` returns a copy, so marking a shared schema changes only the place that marks it.
 */
declare module 'zod' {
  interface GlobalMeta {
    stored?: 'whole' | 'eachItem';
    addedLater?: true;
  }
}

const metaOf = (schema: z.ZodType) => z.globalRegistry.get(schema) ?? {};

export const MISSING = 'missing';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first issue, with its path inside the value: enough to find the fault, short enough to show. */
export function issueReason(error: z.ZodError): string {
  const [first] = error.issues;
  if (!first) return 'invalid';
  const where = first.path.map(String).join('.');
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more)` : '';
  return `${where ? `${where}: ` : ''}${first.message}${more}`;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

function walk(schema: z.ZodType, raw: unknown, fallback: unknown, path: string, report: (field: string, reason: string) => void): unknown {
  const meta = metaOf(schema);
  if (schema instanceof z.ZodObject && meta.stored !== 'whole') {
    if (!isRecord(raw)) {
      report(path, issueReason(schema.safeParse(raw).error ?? new z.ZodError([])));
      return fallback;
    }
    const defaults = (isRecord(fallback) ? fallback : {}) as Record<string, unknown>;
    const kept: Record<string, unknown> = {};
    const found: { field: string; reason: string }[] = [];
    const note = (field: string, reason: string) => found.push({ field, reason });
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      let value: unknown;
      if (raw[key] === undefined) {
        const fine = metaOf(field).addedLater || field.safeParse(undefined).success;
        if (!fine) note(join(path, key), MISSING);
        value = defaults[key];
      } else value = walk(field, raw[key], defaults[key], join(path, key), note);
      if (value !== undefined) kept[key] = value;
    }
    // Checks across fields (if the schema has any) see what was kept; failing them resets the object.
    const checked = schema.safeParse(kept);
    if (!checked.success) {
      report(path, issueReason(checked.error));
      return fallback;
    }
    for (const f of found) report(f.field, f.reason);
    return checked.data;
  }
  if (schema instanceof z.ZodArray && meta.stored === 'eachItem') {
    if (!Array.isArray(raw)) {
      report(path, issueReason(schema.safeParse(raw).error ?? new z.ZodError([])));
      return fallback;
    }
    const element = schema.element as z.ZodType;
    const items: unknown[] = [];
    const found: { field: string; reason: string }[] = [];
    raw.forEach((item, i) => {
      const one = element.safeParse(item);
      if (one.success) items.push(one.data);
      else found.push({ field: join(path, i), reason: issueReason(one.error) });
    });
    const checked = schema.safeParse(items);
    if (!checked.success) {
      report(path, issueReason(checked.error));
      return fallback;
    }
    for (const f of found) report(f.field, f.reason);
    return checked.data;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  report(path, issueReason(parsed.error));
  return fallback;
}

/**
 * `raw` (already JSON-parsed, or built from the address) checked against `schema`. `defaults` is
 * what each field falls back to. `root` names the root in a problem about the root itself (not an
 * object at all) or about an item of a root list; fields of a root object are named without it.
 */
export function parseStoredState<T>(schema: z.ZodType<T>, raw: unknown, defaults: T, where: StoreName, root = 'state'): Parsed<T> {
  const problems: StoredProblem[] = [];
  const report = (field: string, reason: string) => problems.push({ store: where, field: field || root, reason });
  const rootPath = schema instanceof z.ZodArray ? root : '';
  let value: T;
  try {
    value = walk(schema, raw, defaults, rootPath, report) as T;
  } catch (error) {
    // A schema that throws (a bug, not bad data) must not blank the page either.
    problems.length = 0;
    report('', error instanceof Error ? error.message : String(error));
    value = defaults;
  }
  return { value, problems };
}

/** JSON text (a localStorage value) parsed and checked; null (absent) is the default and no problem, unreadable JSON is one. */
export function parseStoredJson<T>(schema: z.ZodType<T>, text: string | null, defaults: T, where: StoreName, root: string): Parsed<T> {
  if (text === null) return { value: defaults, problems: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { value: defaults, problems: [{ store: where, field: root, reason: 'not valid JSON' }] };
  }
  return parseStoredState(schema, raw, defaults, where, root);
}
