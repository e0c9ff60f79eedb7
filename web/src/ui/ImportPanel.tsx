import { useRef } from 'react';
import { defuseCsv } from '../export/csvWriter';
import { downloadText } from '../export/download';
import { useAtlas } from '../state/AtlasProvider';
import { useI18n } from './I18nProvider';
import type { MessageKey } from '../i18n/messages';

export function ImportPanel() {
  const { t } = useI18n();
  const reports = useAtlas((s) => s.importer.reports);
  const errors = useAtlas((s) => s.importer.errors);
  const { addFiles: onFiles, dismissError: onDismissError } = useAtlas((s) => s.importer);
  /** Forgets every imported file and reloads the shipped data. */
  const onClear = useAtlas((s) => s.project.clearAll);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="panel-section" aria-labelledby="import-title">
      <h2 id="import-title">{t('importData')}</h2>
      <div className="hint">{t('importHint')}</div>
      <button type="button" onClick={() => input.current?.click()} data-testid="import-choose">
        {t('chooseFiles')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept=".csv,.tsv,.txt,.parquet,.geojson,.json,.xlsx,.osm,.pbf,.gz,text/csv,text/tab-separated-values"
        hidden
        data-testid="import-input"
        onChange={(e) => {
          onFiles(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      {errors.map((message, i) => (
        <div key={`e${i}`} className="error" role="alert" data-testid="import-error">
          {t('importFailed')}: {message}{' '}
          <button type="button" onClick={() => onDismissError(i)} aria-label={t('close')}>
            ×
          </button>
        </div>
      ))}
      {reports.map((report, i) => (
        <div key={`r${i}`} className="import-report" data-testid="import-report">
          <div>{t('importDone', { file: report.fileName, accepted: report.accepted.toLocaleString(), table: report.table, rejected: report.rejected.toLocaleString() })}</div>
          {report.problems.length > 0 && (
            <ul>
              {report.problems.map((p) => (
                <li key={`${p.problem}:${p.column}`}>
                  {p.column}: {t(`problem_${p.problem}` as MessageKey)} × {p.rows.toLocaleString()} —{' '}
                  {p.examples.map((e) => t('problemLine', { line: e.line, value: e.value ?? '' })).join('，')}
                </li>
              ))}
            </ul>
          )}
          {report.rejected > 0 && (
            // The report may come from a project file or an older autosave: defused again on the way out.
            <button type="button" onClick={() => downloadText(`${report.fileName}.rejected.csv`, '\ufeff' + defuseCsv(report.rejectedCsv), 'text/csv;charset=utf-8')}>
              {t('downloadRejected')}
            </button>
          )}
        </div>
      ))}
      {reports.length > 0 && (
        <button type="button" onClick={() => window.confirm(t('clearImportsConfirm')) && onClear()} data-testid="clear-imports">
          {t('clearImports')}
        </button>
      )}
    </section>
  );
}
