/** Lays out the panels and the map; every panel selects what it needs from the store. */
import type { Crs } from './geo/crs';
import { useI18n } from './ui/I18nProvider';
import type { BasemapConfig } from './map/basemapConfig';
import { useAtlas } from './state/AtlasProvider';
import { CoveragePanel } from './ui/CoveragePanel';
import { ImportPanel } from './ui/ImportPanel';
import { LayerPanel } from './ui/LayerPanel';
import { Legend } from './ui/Legend';
import { MapArea } from './ui/MapArea';
import { MappingDialog } from './ui/MappingDialog';
import { PlannerPanel } from './ui/PlannerPanel';
import { PlanPrintView } from './ui/PlanPrintView';
import { ProjectPanel } from './ui/ProjectPanel';
import { SqlPanel } from './ui/SqlPanel';
import { StationsPanel } from './ui/StationsPanel';
import { StatusBar } from './ui/StatusBar';
import { TimeFilterPanel } from './ui/TimeFilterPanel';

function Errors() {
  const { t } = useI18n();
  const startError = useAtlas((s) => s.data.error);
  const densityError = useAtlas((s) => s.density.error);
  return (
    <>
      {startError && (
        <div className="error" role="alert" data-testid="error">
          {t('error')}: {startError}
        </div>
      )}
      {densityError && (
        <div className="error" role="alert">
          {t('error')}: {densityError}
        </div>
      )}
    </>
  );
}

export function App({ displayCrs, basemap }: { displayCrs: Crs; basemap: BasemapConfig | null }) {
  const { t, locale, setLocale } = useI18n();
  const printing = useAtlas((s) => s.planner.print !== null && s.planner.plan !== null);
  const reviewing = useAtlas((s) => s.importer.pending !== null);
  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{t('appTitle')}</h1>
          <div className="subtitle">{t('appSubtitle')}</div>
        </div>
        <button type="button" className="lang-switch" aria-label={t('languageLabel')} data-testid="lang-switch" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('language')}
        </button>
      </header>
      <aside className="side-panel">
        <ProjectPanel />
        <ImportPanel />
        <LayerPanel />
        <TimeFilterPanel />
        <StationsPanel />
        <CoveragePanel />
        <PlannerPanel />
        <SqlPanel />
        <Legend />
        <Errors />
      </aside>
      <MapArea displayCrs={displayCrs} basemap={basemap} />
      {printing && <PlanPrintView />}
      {reviewing && <MappingDialog />}
      <StatusBar />
    </div>
  );
}
