import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider';

export interface StatusBarProps {
  phase: string;
  tableRows: { name: string; rows: number }[];
  filtered: { pings: number; drivers: number } | null;
  aggregateMs: number | null;
  /** The last build of the pings cube the heat layer reads. */
  cubeBuildMs?: number | null;
  engine: string;
  revision: number;
  coverageRevision: number;
  /** The pings on the map are the synthetic demo week. */
  demoData: boolean;
  /** The offline (service worker) indicator. */
  offlineBadge?: ReactNode;
}

export function StatusBar({ phase, tableRows, filtered, aggregateMs, cubeBuildMs = null, engine, revision, coverageRevision, demoData, offlineBadge }: StatusBarProps) {
  const { t } = useI18n();
  return (
    <footer className="status-bar" data-testid="status-bar" data-revision={revision} data-coverage-revision={coverageRevision}>
      <span data-testid="phase">{phase}</span>
      {demoData && (
        <span className="demo-badge" data-testid="demo-badge">
          {t('demoData')}
        </span>
      )}
      {filtered && (
        <span>
          {t('filteredPings')}: <b data-testid="filtered-pings">{filtered.pings.toLocaleString()}</b> · {t('filteredDrivers')}:{' '}
          <b data-testid="filtered-drivers">{filtered.drivers.toLocaleString()}</b>
        </span>
      )}
      {aggregateMs !== null && (
        <span>
          {t('aggregateMs')}: <span data-testid="aggregate-ms" data-cube-build-ms={cubeBuildMs === null ? undefined : Math.round(cubeBuildMs)} title={cubeBuildMs === null ? undefined : t('cubeBuildMs', { ms: Math.round(cubeBuildMs) })}>{Math.round(aggregateMs)}</span> ms
        </span>
      )}
      <span data-testid="table-rows">
        {t('tables')}: {tableRows.map((r) => `${r.name} ${r.rows.toLocaleString()}`).join(' · ')}
      </span>
      <span title={t('provenanceText')}>
        {t('provenance')}: {t('provenanceText')}
      </span>
      <span>
        {t('engine')}: {engine}
      </span>
      <span>{t('offline')}</span>
      {offlineBadge}
    </footer>
  );
}
