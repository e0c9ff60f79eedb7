/**
 * Station edits are saved to localStorage the moment they are made; the autosaved tables may be a
 * little older. After restoring a snapshot, this gives the edits that bring its stations to the
 * latest history: undo what the snapshot has beyond the common prefix, then redo the rest.
 */
import { invertEdit, type EditHistory, type StationEdit } from './stationEdits';
import { stationEditSchema } from './stationsConfig';

/**
 * An edit as comparable text: through its schema, so the same edit read back from localStorage,
 * from a snapshot, or held in memory (keys in another order, extra keys) compares equal.
 */
const editKey = (edit: StationEdit) => JSON.stringify(stationEditSchema.safeParse(edit).data ?? edit);

export function reconcileEdits(snapshot: EditHistory, latest: EditHistory): StationEdit[] {
  let common = 0;
  while (common < snapshot.done.length && common < latest.done.length && editKey(snapshot.done[common]) === editKey(latest.done[common])) common++;
  const undo = snapshot.done.slice(common).reverse().map(invertEdit);
  return [...undo, ...latest.done.slice(common)];
}
