import { useEffect, useState } from 'react';
import type { SqlResult } from '../sql/useSqlConsole';
import { useI18n } from '../i18n/I18nProvider';

export interface SqlPanelProps {
  result: SqlResult | null;
  error: string | null;
  running: number | null;
  onRun: (sql: string, unlocked: boolean) => void;
  onCancel: () => void;
  shownOnMap: boolean;
  onShowOnMap: (shown: boolean) => void;
}

const EXAMPLE = 'SELECT hour, count(*) AS pings, count(DISTINCT driver_id) AS drivers\nFROM pings GROUP BY hour ORDER BY hour';

export function SqlPanel({ result, error, running, onRun, onCancel, shownOnMap, onShowOnMap }: SqlPanelProps) {
  const { t } = useI18n();
  const [sql, setSql] = useState(EXAMPLE);
  const [unlocked, setUnlocked] = useState(false);
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (running === null) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  return (
    <section className="panel-section" aria-labelledby="sql-title" data-testid="sql-panel">
      <h2 id="sql-title">{t('sqlTitle')}</h2>
      <textarea
        className="sql-editor"
        value={sql}
        spellCheck={false}
        rows={5}
        aria-label={t('sqlTitle')}
        data-testid="sql-editor"
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
            e.preventDefault();
            const el = e.currentTarget;
            const selection = el.value.slice(el.selectionStart, el.selectionEnd);
            onRun(selection.trim() ? selection : el.value, unlocked);
          }
        }}
      />
      <div className="button-row">
        <button type="button" className="primary" disabled={running !== null} onClick={() => onRun(sql, unlocked)} data-testid="sql-run" title="Ctrl+Enter">
          {t('sqlRun')}
        </button>
        {running !== null && (
          <>
            <span data-testid="sql-timer">{((now - running) / 1000).toFixed(1)} s</span>
            <button type="button" onClick={onCancel} data-testid="sql-cancel">
              {t('cancel')}
            </button>
          </>
        )}
        <label className="toggle">
          <input type="checkbox" checked={unlocked} onChange={(e) => setUnlocked(e.target.checked)} data-testid="sql-unlock" />
          {t('sqlUnlock')}
        </label>
      </div>
      {error && (
        <pre className="error" role="alert" data-testid="sql-error">
          {error}
        </pre>
      )}
      {result && (
        <>
          <div className="hint" data-testid="sql-summary" data-rows={result.rowCount}>
            {t('sqlRows', { n: result.rowCount.toLocaleString(), ms: Math.round(result.ms) })}
          </div>
          {result.coordinates && (
            <label className="toggle">
              <input type="checkbox" checked={shownOnMap} onChange={(e) => onShowOnMap(e.target.checked)} data-testid="sql-show-on-map" />
              {t('sqlShowOnMap', { lon: result.coordinates.lon, lat: result.coordinates.lat })}
            </label>
          )}
          <div className="preview-scroll sql-result">
            <table className="preview" data-testid="sql-result">
              <thead>
                <tr>
                  {result.columns.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.slice(0, 100).map((row, i) => (
                  <tr key={i}>
                    {result.columns.map((c) => (
                      <td key={c}>{String(row[c] ?? '')}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
