/** A quick bar or line chart of two result columns (SVG, no chart library needed). */
import { useMemo, useState } from 'react';
import type { Table } from 'apache-arrow';
import { useI18n } from './I18nProvider';
import { chartSeries, isNumericColumn } from '../sql/resultChart';

const W = 272;
const H = 140;

export function ResultChart({ table }: { table: Table }) {
  const { t } = useI18n();
  const names = table.schema.fields.map((f) => f.name);
  const numeric = names.filter((n) => isNumericColumn(table, n));
  const [x, setX] = useState(names[0]);
  const [y, setY] = useState(numeric.find((n) => n !== names[0]) ?? numeric[0]);
  const series = useMemo(() => (x && y ? chartSeries(table, x, y) : null), [table, x, y]);
  if (numeric.length === 0) return null;
  const span = series ? series.max - series.min || 1 : 1;
  const yOf = (v: number) => H - ((v - (series?.min ?? 0)) / span) * H;
  return (
    <div className="result-chart" data-testid="sql-chart">
      <label>
        x{' '}
        <select value={x} onChange={(e) => setX(e.target.value)} aria-label={t('chartX')}>
          {names.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>{' '}
      <label>
        y{' '}
        <select value={y} onChange={(e) => setY(e.target.value)} aria-label={t('chartY')}>
          {numeric.map((n) => (
            <option key={n}>{n}</option>
          ))}
        </select>
      </label>
      {series && (
        <svg width={W} height={H + 14} role="img" aria-label={`${y} / ${x}`} data-kind={series.kind} data-points={series.values.length}>
          {series.kind === 'bar'
            ? series.values.map((v, i) => {
                const w = W / series.values.length;
                const top = Math.min(yOf(v), yOf(0));
                return (
                  <rect key={i} x={i * w + 1} y={top} width={Math.max(1, w - 2)} height={Math.abs(yOf(v) - yOf(0))} fill="#0b5cad">
                    <title>{`${series.labels[i]}: ${v}`}</title>
                  </rect>
                );
              })
            : <polyline fill="none" stroke="#0b5cad" strokeWidth={1.5} points={series.values.map((v, i) => `${(i / Math.max(1, series.values.length - 1)) * W},${yOf(v)}`).join(' ')} />}
          <text x={0} y={H + 12} fontSize={9} fill="#667">
            {series.labels[0]}
          </text>
          <text x={W} y={H + 12} fontSize={9} fill="#667" textAnchor="end">
            {series.labels[series.labels.length - 1]}
          </text>
        </svg>
      )}
    </div>
  );
}
