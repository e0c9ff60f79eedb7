/**
 * What the importer keeps in a project and the autosave: the import reports the panel shows, the
 * newest logged import the saved tables already hold, and whether the pings are the shipped demo
 * week. A report is checked for everything the panel renders (a problem reason it has no words
 * for, or a count that is not a number, would break the panel); a bad report is dropped alone.
 */
import { z } from 'zod';
import type { ProblemReason } from './importSql';
import type { ImportReport, ProblemGroup } from './runImport';

/** Every reason the import checks give; a Record so a new reason fails to compile until listed. */
const PROBLEM_REASONS: Record<ProblemReason, true> = {
  missing: true,
  not_a_number: true,
  out_of_range: true,
  outside_china: true,
  bad_time: true,
  negative_weight: true,
  weight_too_large: true,
  bad_hour: true,
  bad_weekday: true,
};

const count = z.number().int().min(0);

export const problemGroupSchema = z.object({
  problem: z.enum(Object.keys(PROBLEM_REASONS) as [ProblemReason, ...ProblemReason[]]),
  column: z.string(),
  rows: count,
  examples: z.array(z.object({ line: z.number().int(), value: z.string().nullable() })),
}) satisfies z.ZodType<ProblemGroup>;

export const importReportSchema = z.object({
  fileName: z.string(),
  table: z.string(),
  accepted: count,
  rejected: count,
  problems: z.array(problemGroupSchema),
  tableRows: count,
  rejectedCsv: z.string(),
  rejectedCsvTruncated: z.boolean(),
}) satisfies z.ZodType<ImportReport>;

/**
 * Import reports and importsThrough came into project files after the first format (older files
 * lack them: no reports, nothing logged); demoData was there from the start.
 */
export const importConfigSchema = z.object({
  importReports: z.array(importReportSchema).meta({ stored: 'eachItem', addedLater: true }),
  importsThrough: count.meta({ addedLater: true }),
  demoData: z.boolean(),
});

export type ImportConfig = z.infer<typeof importConfigSchema>;

export function defaultImportConfig(): ImportConfig {
  return { importReports: [], importsThrough: 0, demoData: true };
}
