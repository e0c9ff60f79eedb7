import type { Table } from 'apache-arrow';

/** A column of an Arrow result as its typed array (zero-copy for single-chunk results). */
export function column<T extends ArrayLike<number>>(table: Table, name: string, as: { from(values: ArrayLike<number>): T }): T {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`result has no column "${name}"`);
  const values = vector.toArray() as ArrayLike<number>;
  return (values instanceof (as as unknown as new () => T) ? values : as.from(values)) as T;
}

/** The first row of a small result as a plain object (for summaries, never for bulk data). */
export function firstRow(table: Table): Record<string, unknown> {
  const row = table.get(0);
  return row ? (row.toJSON() as Record<string, unknown>) : {};
}
