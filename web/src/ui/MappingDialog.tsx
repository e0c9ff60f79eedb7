import { ROLES_BY_KIND, type ColumnRole, type DataKind } from '../ingest/columnRoles';
import { missingRoles, type ImportPlan } from '../ingest/importPlan';
import type { ImportProgress } from '../ingest/runImport';
import type { PendingImport } from '../ingest/pendingImport';
import { useAtlas, useAtlasShallow } from '../state/AtlasProvider';
import { useI18n } from './I18nProvider';
import type { MessageKey } from '../i18n/messages';
import type { Crs } from '../geo/crs';

const ROLE_LABEL: Record<ColumnRole, MessageKey> = {
  lon: 'roleLon',
  lat: 'roleLat',
  time: 'roleTime',
  driver: 'roleDriver',
  weight: 'roleWeight',
  hour: 'roleHour',
  weekday: 'roleWeekday',
  member: 'roleMember',
  name: 'roleName',
  kind: 'roleKind',
  address: 'roleAddress',
  hours: 'roleHours',
};
const KIND_LABEL: Record<DataKind, MessageKey> = { pings: 'kindPings', heat: 'kindHeat', stations: 'kindStations', venues: 'kindVenues' };
const DELIMITER_LABEL: Record<string, string> = { ',': ',', '\t': 'Tab', ';': ';', '|': '|' };

export function MappingDialog() {
  const pending = useAtlas((s) => s.importer.pending);
  return pending ? <ReviewDialog pending={pending} /> : null;
}

/** The columns of the file under review, what each means, and the import's progress. */
function ReviewDialog({ pending }: { pending: PendingImport }) {
  const { t } = useI18n();
  const { stage, progress, updatePlan: onPlan, start, cancel: onCancel, chooseSheet } = useAtlasShallow((s) => s.importer);
  const onSheet = (sheet: string) => void chooseSheet(sheet);
  const onStart = () => void start();
  const { prepared, plan } = pending;
  const { required, optional } = ROLES_BY_KIND[plan.kind];
  const roles = [...required, ...optional];
  const roleOfColumn = (column: number) => (Object.entries(plan.roles).find(([, i]) => i === column)?.[0] as ColumnRole | undefined) ?? '';
  const setRole = (column: number, role: ColumnRole | '') => {
    const next = Object.fromEntries(Object.entries(plan.roles).filter(([r, i]) => i !== column && r !== role)) as ImportPlan['roles'];
    if (role) next[role] = column;
    onPlan({ ...plan, roles: next });
  };
  const missing = missingRoles(plan, required);
  const busy = stage !== null;
  return (
    <div className="dialog-backdrop" role="dialog" aria-modal="true" aria-labelledby="mapping-title" data-testid="mapping-dialog">
      <div className="dialog">
        <h2 id="mapping-title">{t('mappingTitle', { file: prepared.fileName })}</h2>
        <div className="dialog-grid">
          {pending.workbook ? (
            // A workbook has no text encoding to report; its sheets are the choice.
            <>
              <label htmlFor="import-sheet">{t('sheet')}</label>
              <select id="import-sheet" value={pending.workbook.sheet} disabled={busy || pending.workbook.sheetNames.length < 2} data-testid="import-sheet" onChange={(e) => onSheet(e.target.value)}>
                {pending.workbook.sheetNames.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <>
              <span>{t('encoding')}</span>
              <span data-testid="detected-encoding">
                {plan.format === 'table' ? 'Parquet' : prepared.encoding.encoding.toUpperCase()}
                {prepared.encoding.bomLength ? ' (BOM)' : ''}
              </span>
            </>
          )}
          {plan.format === 'csv' && !pending.workbook && (
            <>
              <span>{t('delimiter')}</span>
              <span>{DELIMITER_LABEL[plan.delimiter] ?? plan.delimiter}</span>
            </>
          )}
          <label htmlFor="import-kind">{t('dataKind')}</label>
          <select id="import-kind" value={plan.kind} disabled={busy} data-testid="import-kind" onChange={(e) => onPlan({ ...plan, kind: e.target.value as DataKind, hashDriverIds: e.target.value === 'pings' })}>
            {(Object.keys(KIND_LABEL) as DataKind[]).map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABEL[k])}
              </option>
            ))}
          </select>
          <label htmlFor="import-crs">{t('coordinateSystem')}</label>
          <span>
            <select id="import-crs" value={plan.crs} disabled={busy} data-testid="import-crs" onChange={(e) => onPlan({ ...plan, crs: e.target.value as Crs })}>
              <option value="WGS84">WGS-84 (GPS)</option>
              <option value="GCJ02">GCJ-02（高德/腾讯）</option>
              <option value="BD09">BD-09（百度）</option>
            </select>{' '}
            <span data-testid="crs-reason">{t(prepared.guess.crsReason === 'header' ? 'crsFromHeader' : prepared.guess.crsReason === 'values' ? 'crsFromValues' : 'crsDefault')}</span>
          </span>
        </div>
        <label className="toggle">
          <input type="checkbox" checked={plan.swapLonLat} disabled={busy} onChange={(e) => onPlan({ ...plan, swapLonLat: e.target.checked })} />
          {t('swapLonLat')}
          {prepared.guess.swapped && <span className="hint"> — {t('swappedDetected')}</span>}
        </label>
        {plan.kind === 'pings' && (
          <label className="toggle">
            <input type="checkbox" checked={plan.hashDriverIds} disabled={busy} data-testid="import-hash-ids" onChange={(e) => onPlan({ ...plan, hashDriverIds: e.target.checked })} />
            {t('hashIds')}
          </label>
        )}
        <div className="segmented" role="radiogroup" aria-label={t('importMode')}>
          {(['replace', 'append'] as const).map((mode) => (
            <label key={mode} className={plan.mode === mode ? 'active' : ''}>
              <input type="radio" name="import-mode" checked={plan.mode === mode} disabled={busy} onChange={() => onPlan({ ...plan, mode })} />
              {t(mode === 'replace' ? 'modeReplace' : 'modeAppend')}
            </label>
          ))}
        </div>
        <div className="preview-scroll">
          <table className="preview" data-testid="import-preview">
            <thead>
              <tr>
                {prepared.preview.header.map((name, column) => (
                  <th key={column}>
                    <div>{name}</div>
                    <select value={roleOfColumn(column)} disabled={busy} aria-label={`${t('columnRole')}: ${name}`} data-testid={`role-${column}`} onChange={(e) => setRole(column, e.target.value as ColumnRole | '')}>
                      <option value="">{t('roleNone')}</option>
                      {roles.map((role) => (
                        <option key={role} value={role}>
                          {t(ROLE_LABEL[role])}
                        </option>
                      ))}
                    </select>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {prepared.preview.rows.slice(0, 8).map((row, r) => (
                <tr key={r}>
                  {prepared.preview.header.map((_, c) => (
                    <td key={c}>{row[c] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {missing.length > 0 && <div className="error">{t('missingRequired', { roles: missing.map((r) => t(ROLE_LABEL[r])).join('、') })}</div>}
        <div className="dialog-actions">
          {stage && (
            <span className="stage" data-testid="import-stage" role="status">
              {t(`stage_${stage}` as MessageKey)}
            </span>
          )}
          {stage && progress && <ImportProgressBar progress={progress} />}
          <button type="button" onClick={onCancel} data-testid="import-cancel">
            {t('cancel')}
          </button>
          <button type="button" className="primary" onClick={onStart} disabled={busy || missing.length > 0} data-testid="import-start">
            {t('startImport')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Bytes (CSV) or rows (Parquet) read so far, as a bar and in words. */
function ImportProgressBar({ progress }: { progress: ImportProgress }) {
  const { t } = useI18n();
  const percent = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 0;
  const mb = (bytes: number) => (bytes / 1024 ** 2).toFixed(bytes < 10 * 1024 ** 2 ? 1 : 0);
  const words =
    progress.unit === 'bytes'
      ? t('importProgressBytes', { done: mb(progress.done), total: mb(progress.total), rows: progress.rows.toLocaleString() })
      : t('importProgressRows', { done: progress.done.toLocaleString(), total: progress.total.toLocaleString() });
  return (
    <span className="import-progress" data-testid="import-progress" data-percent={percent}>
      <progress max={100} value={percent} aria-label={words} />
      <span>
        {percent}% · {words}
      </span>
    </span>
  );
}
