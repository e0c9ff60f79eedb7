/**
 * The analyst's SQL workspace: a CodeMirror editor with completion of the loaded tables, examples,
 * history and saved queries, a schema browser; results as a virtualised grid, a quick chart and a
 * map layer (styled, removable), and exports to CSV, Excel and Parquet. Queries run in the DuckDB
 * worker with a timer and cancel; base tables are read-only unless unlocked.
 */
import { useEffect, useMemo, useState } from 'react';
import { tableToIPC } from 'apache-arrow';
import { useI18n } from './I18nProvider';
import { EXAMPLE_QUERIES } from '../sql/queryLibrary';
import { resultToCsv, resultToXlsx } from '../sql/resultExport';
import { encodeParquet } from '../db/parquetDecoder';
import { downloadText } from '../export/download';
import { chinaFileStamp } from '../i18n/chinaTime';
import { useAtlasShallow } from '../state/AtlasProvider';
import { LAYER_COLOURS } from '../state/sqlSlice';
import { SqlEditor } from './SqlEditor';
import { SchemaBrowser } from './SchemaBrowser';
import { ResultGrid } from './ResultGrid';
import { ResultChart } from './ResultChart';

export function SqlPanel() {
  const workspace = useAtlasShallow((s) => s.sql);
  const { result, error, running, cancel: onCancel, onMap: shownOnMap, setOnMap: onShowOnMap, style: layerStyle, setStyle: onLayerStyle, schema, history, saved, save: onSave } = workspace;
  const onRun = (text: string, unlocked: boolean) => void workspace.run(text, unlocked);
  const { t, locale } = useI18n();
  const [sql, setSql] = useState(EXAMPLE_QUERIES[locale][0].sql);
  const [unlocked, setUnlocked] = useState(false);
  const [saveName, setSaveName] = useState('');
  const [now, setNow] = useState(0);
  const [xlsxTruncated, setXlsxTruncated] = useState(false);
  useEffect(() => {
    if (running === null) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  const completion = useMemo(() => Object.fromEntries(schema.map((table) => [table.name, table.columns.map((c) => c.name)])), [schema]);
  const pick = (value: string) => value && setSql(value);
  const exportName = `query-${chinaFileStamp(Date.now())}`;
  return (
    <section className="panel-section" aria-labelledby="sql-title" data-testid="sql-panel">
      <h2 id="sql-title">{t('sqlTitle')}</h2>
      <SchemaBrowser schema={schema} onPick={setSql} />
      <div className="query-pickers">
        <select value="" onChange={(e) => pick(e.target.value)} aria-label={t('sqlExamples')} data-testid="sql-examples">
          <option value="">{t('sqlExamples')}</option>
          {EXAMPLE_QUERIES[locale].map((q) => (
            <option key={q.name} value={q.sql}>
              {q.name}
            </option>
          ))}
        </select>
        <select value="" onChange={(e) => pick(e.target.value)} aria-label={t('sqlHistory')} data-testid="sql-history">
          <option value="">{t('sqlHistory')}</option>
          {history.map((q, i) => (
            <option key={i} value={q}>
              {q.replace(/\s+/g, ' ').slice(0, 60)}
            </option>
          ))}
        </select>
        <select value="" onChange={(e) => pick(e.target.value)} aria-label={t('sqlSaved')} data-testid="sql-saved">
          <option value="">{t('sqlSaved')}</option>
          {saved.map((q) => (
            <option key={q.name} value={q.sql}>
              {q.name}
            </option>
          ))}
        </select>
      </div>
      <SqlEditor value={sql} onChange={setSql} onRun={(text) => onRun(text, unlocked)} schema={completion} label={t('sqlTitle')} placeholderText={t('sqlPlaceholder')} />
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
      <form
        className="button-row"
        onSubmit={(e) => {
          e.preventDefault();
          onSave({ name: saveName, sql });
          setSaveName('');
        }}
      >
        <input value={saveName} onChange={(e) => setSaveName(e.target.value)} placeholder={t('sqlSaveName')} aria-label={t('sqlSaveName')} maxLength={80} data-testid="sql-save-name" />
        <button type="submit" disabled={!saveName.trim() || !sql.trim()} data-testid="sql-save">
          {t('sqlSaveAs')}
        </button>
      </form>
      {error && (
        <pre className="error" role="alert" data-testid="sql-error">
          {error}
        </pre>
      )}
      {result && (
        <>
          <div className="hint" data-testid="sql-summary" data-rows={result.rowCount} data-ms={Math.round(result.ms)}>
            {t('sqlRows', { n: result.rowCount.toLocaleString(), ms: Math.round(result.ms) })}
          </div>
          <ResultGrid table={result.table} />
          <div className="button-row">
            <button type="button" onClick={() => downloadText(`${exportName}.csv`, resultToCsv(result.table), 'text/csv;charset=utf-8')} data-testid="sql-export-csv">
              {t('exportCsv')}
            </button>
            <button
              type="button"
              onClick={() => {
                const { bytes, truncated } = resultToXlsx(result.table);
                setXlsxTruncated(truncated);
                downloadText(`${exportName}.xlsx`, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
              }}
              data-testid="sql-export-xlsx"
            >
              {t('exportXlsx')}
            </button>
            <button type="button" onClick={() => void encodeParquet([tableToIPC(result.table, 'stream')]).then((bytes) => downloadText(`${exportName}.parquet`, bytes, 'application/vnd.apache.parquet'))} data-testid="sql-export-parquet">
              {t('sqlExportParquet')}
            </button>
          </div>
          {xlsxTruncated && <div className="hint">{t('sqlXlsxTruncated')}</div>}
          {result.coordinates && (
            <div className="sql-layer">
              <label className="toggle">
                <input type="checkbox" checked={shownOnMap} onChange={(e) => onShowOnMap(e.target.checked)} data-testid="sql-show-on-map" />
                {t('sqlShowOnMap', { lon: result.coordinates.lon, lat: result.coordinates.lat })}
              </label>
              {shownOnMap && (
                <div className="button-row">
                  <span className="swatches" role="radiogroup" aria-label={t('sqlLayerColour')}>
                    {LAYER_COLOURS.map((c) => (
                      <button key={c.name} type="button" role="radio" aria-checked={c.rgb.join() === layerStyle.colour.join()} aria-label={c.name} className="swatch" style={{ background: c.name }} onClick={() => onLayerStyle({ ...layerStyle, colour: c.rgb })} data-testid={`sql-colour-${c.name.slice(1)}`} />
                    ))}
                  </span>
                  <label>
                    {t('sqlLayerSize')}{' '}
                    <input type="range" min={1} max={12} value={layerStyle.radius} onChange={(e) => onLayerStyle({ ...layerStyle, radius: Number(e.target.value) })} data-testid="sql-layer-size" />
                  </label>
                  <button type="button" onClick={() => onShowOnMap(false)} data-testid="sql-layer-remove">
                    {t('sqlLayerRemove')}
                  </button>
                </div>
              )}
            </div>
          )}
          <details className="result-chart-box">
            <summary>{t('sqlChart')}</summary>
            <ResultChart key={result.columns.join()} table={result.table} />
          </details>
        </>
      )}
    </section>
  );
}
