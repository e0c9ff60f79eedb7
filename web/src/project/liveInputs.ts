/**
 * What changes outside React's render cycle and must match the tables exactly. An autosave reads
 * its change mark when a build starts and again when it ends; a difference (an edit or import
 * landed meanwhile) means the snapshot could disagree with itself, so it is not stored and the
 * save runs again.
 */
import { PROJECT_TABLES } from './projectTables';
import type { ProjectState } from './projectState';

export interface LiveProjectInputs {
  live: () => Pick<ProjectState, 'stationHistory' | 'importsThrough'>;
  /** An import is between changing a table and being logged. */
  busy: () => boolean;
  /** A version per table that changes whenever the table does (a counter: never returns to an old value). */
  versionOf: (table: string) => string;
}

/**
 * The live state and every table's version. The versions matter on their own: an undo then a redo
 * during a build leaves the edit history as it was (A → B → A), while the stations table the build
 * read may be the one in between.
 */
export function changeMark(inputs: Pick<LiveProjectInputs, 'live' | 'versionOf'>): string {
  return JSON.stringify({ live: inputs.live(), versions: PROJECT_TABLES.map((table) => inputs.versionOf(table)) });
}
