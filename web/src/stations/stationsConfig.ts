/**
 * What the stations capability keeps in a project, the autosave and localStorage: the edit
 * history, each edit with exactly the fields its SQL and its inverse need. The types of
 * stationEdits.ts are these schemas' types, so the two cannot drift apart.
 *
 * The history is one value: edits are replayed in order against the stations table, and a history
 * with one edit dropped from the middle would replay onto stations that are not there (or add one
 * twice). A bad edit anywhere resets the history to empty; the table keeps the edits already made.
 */
import { z } from 'zod';

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const optionalText = z.string().nullable();

export const editableStationSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: z.string(),
  lon,
  lat,
  address: optionalText,
  hours: optionalText,
});

export type EditableStation = z.infer<typeof editableStationSchema>;

/** The text fields staff edit on a station. */
export const stationDetailsSchema = editableStationSchema.pick({ name: true, kind: true, address: true, hours: true });

export type StationDetails = z.infer<typeof stationDetailsSchema>;

const position = z.object({ lon, lat });

export const stationEditSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('add'), station: editableStationSchema }),
  z.object({ type: z.literal('delete'), station: editableStationSchema }),
  z.object({ type: z.literal('move'), id: z.string().min(1), from: position, to: position }),
  z.object({ type: z.literal('details'), id: z.string().min(1), from: stationDetailsSchema, to: stationDetailsSchema }),
]);

export type StationEdit = z.infer<typeof stationEditSchema>;

/** The applied edits (oldest first) and the undone ones that redo can bring back (newest last). */
export const editHistorySchema = z
  .object({
    done: z.array(stationEditSchema),
    undone: z.array(stationEditSchema),
  })
  .meta({ stored: 'whole' });

export type EditHistory = z.infer<typeof editHistorySchema>;

export const stationsConfigSchema = z.object({
  stationHistory: editHistorySchema,
});

export type StationsConfig = z.infer<typeof stationsConfigSchema>;

export function emptyHistory(): EditHistory {
  return { done: [], undone: [] };
}

export function defaultStationsConfig(): StationsConfig {
  return { stationHistory: emptyHistory() };
}
