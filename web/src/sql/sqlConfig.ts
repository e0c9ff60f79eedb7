/**
 * What the SQL workspace keeps: named saved queries (in localStorage and in project files) and the
 * history of queries run (localStorage only). Both are lists of independent entries, so a bad
 * entry is dropped alone and the analyst keeps the rest.
 */
import { z } from 'zod';

export const savedQuerySchema = z.object({
  name: z.string(),
  sql: z.string(),
});

export type SavedQuery = z.infer<typeof savedQuerySchema>;

export const savedQueriesSchema = z.array(savedQuerySchema).meta({ stored: 'eachItem' });

/** Newest first, as pushHistory keeps it. */
export const queryHistorySchema = z.array(z.string()).meta({ stored: 'eachItem' });

/** Saved queries came into project files after the first format: older files rightly lack them. */
export const sqlConfigSchema = z.object({
  savedQueries: savedQueriesSchema.meta({ stored: 'eachItem', addedLater: true }),
});

export type SqlConfig = z.infer<typeof sqlConfigSchema>;

export function defaultSqlConfig(): SqlConfig {
  return { savedQueries: [] };
}
