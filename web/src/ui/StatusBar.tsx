import { useI18n } from './I18nProvider';
import { useAtlas } from '../state/AtlasProvider';
import { OfflineBadge } from './OfflineBadge';

export function StatusBar() {
  const { t } = useI18n();
  const phase = useAtlas((s) => (s.data.phase === 'error' ? t('error') : t(s.data.phase)));
  const tableRows = useAtlas((s) => s.data.tables);
  const filtered = useAtlas((s) => s.density.totals);
  const aggregateMs = useAtlas((s) => s.density.aggregateMs);
  const cubeBuildMs = useAtlas((s) => s.density.cubeBuildMs);
  const revision = useAtlas((s) => s.density.revision);
  const coverageRevision = useAtlas((s) => s.coverage.revision);
  const demoData = useAtlas((s) => s.data.demoData);
  const engine = useAtlas((s) => (s.data.db ? `DuckDB ${s.data.db.info.version} (${s.data.db.info.bundle})` : '…'));
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
      <OfflineBadge />
    </footer>
  );
}
