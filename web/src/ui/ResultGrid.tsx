/**
 * A virtualised result grid: only the rows in view (plus a margin) are in the DOM, read from the
 * Arrow columns on demand, so a 100 k-row result scrolls as smoothly as a 10-row one.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Table } from 'apache-arrow';

const ROW_PX = 22;
const VIEW_PX = 264;
const OVERSCAN = 8;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export function ResultGrid({ table }: { table: Table }) {
  const [scrollTop, setScrollTop] = useState(0);
  const box = useRef<HTMLDivElement>(null);
  // A new result starts at its first row.
  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [table]);
  const names = useMemo(() => table.schema.fields.map((f) => f.name), [table]);
  const columns = useMemo(() => names.map((n) => table.getChild(n)!), [table, names]);
  const first = Math.min(table.numRows, Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN));
  const last = Math.min(table.numRows, Math.ceil((scrollTop + VIEW_PX) / ROW_PX) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <tr key={i} style={{ height: ROW_PX }}>
        {columns.map((column, c) => (
          <td key={names[c]}>{text(column.get(i))}</td>
        ))}
      </tr>,
    );
  }
  return (
    <div ref={box} className="result-grid" style={{ maxHeight: VIEW_PX }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} data-testid="sql-grid" data-rows={table.numRows} tabIndex={0}>
      <table className="preview" data-testid="sql-result">
        <thead>
          <tr>
            {names.map((n) => (
              <th key={n}>{n}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr style={{ height: first * ROW_PX }} aria-hidden="true" />}
          {rows}
          {last < table.numRows && <tr style={{ height: (table.numRows - last) * ROW_PX }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}
