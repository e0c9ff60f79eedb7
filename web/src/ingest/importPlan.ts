/**
 * What the user confirmed in the mapping dialog: everything the import needs to turn one file
 * into rows of one table. Plain data, so it can be persisted and replayed.
 */
import type { Crs } from '../geo/crs';
import type { ColumnRole, DataKind } from './columnRoles';
import type { ImportSourceFormat, PreparedImport } from './prepareImport';

export interface ImportPlan {
  fileName: string;
  format: ImportSourceFormat;
  kind: DataKind;
  delimiter: string;
  /** Number of columns in the header. */
  columnCount: number;
  header: string[];
  /** Column index per role. */
  roles: Partial<Record<ColumnRole, number>>;
  crs: Crs;
  swapLonLat: boolean;
  /** Replace driver ids by a salted hash (on by default for pings). */
  hashDriverIds: boolean;
  /** Replace the table's rows, or append to them. */
  mode: 'replace' | 'append';
}

export const TABLE_FOR_KIND: Record<DataKind, string> = { pings: 'pings', heat: 'heat_grid', stations: 'stations', venues: 'venues' };

export function missingRoles(plan: Pick<ImportPlan, 'kind' | 'roles'>, required: ColumnRole[]): ColumnRole[] {
  return required.filter((role) => plan.roles[role] === undefined);
}

/** The plan the mapping dialog starts from: the guess, with pings' driver ids hashed by default. */
export function planFromGuess(prepared: PreparedImport): ImportPlan {
  const { guess, preview } = prepared;
  return {
    fileName: prepared.fileName,
    format: prepared.format,
    kind: guess.kind,
    delimiter: preview.delimiter,
    columnCount: preview.header.length,
    header: preview.header,
    roles: { ...guess.roles },
    crs: guess.crs,
    swapLonLat: guess.swapped,
    hashDriverIds: guess.kind === 'pings',
    mode: 'replace',
  };
}
