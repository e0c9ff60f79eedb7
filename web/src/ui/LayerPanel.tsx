import type { DensityMetric } from '../density/densityCells';
import { HEX_SIZES_M } from '../density/hexGrid';
import type { DemandSource } from '../density/densityQueries';
import { useI18n } from './I18nProvider';
import { useAtlas, useAtlasShallow } from '../state/AtlasProvider';

const SOURCES: DemandSource[] = ['pings', 'heat_grid'];

export function LayerPanel() {
  const { t } = useI18n();
  const { mode, metric, hexSizeM, source, setMode: onMode, setMetric: onMetric, setHexSize: onHexSize, setSource: onSource } = useAtlasShallow((s) => s.density);
  const overlays = useAtlas((s) => s.ui.overlays);
  const onOverlays = useAtlas((s) => s.ui.setOverlays);
  // The data sources loaded here (a heat grid appears once one is imported).
  const sources = useAtlasShallow((s) => SOURCES.filter((name) => s.data.tables.some((r) => r.name === name)));
  return (
    <section className="panel-section" aria-labelledby="layer-title">
      <h2 id="layer-title">{t('layer')}</h2>
      {sources.length > 1 && (
        <label className="field">
          {t('demandSource')}
          <select value={source} onChange={(e) => onSource(e.target.value as DemandSource)} data-testid="demand-source">
            {sources.map((s) => (
              <option key={s} value={s}>
                {t(s === 'pings' ? 'kindPings' : 'kindHeat')}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="segmented" role="radiogroup" aria-label={t('layer')}>
        {(['heatmap', 'hexagons'] as const).map((m) => (
          <label key={m} className={mode === m ? 'active' : ''}>
            <input type="radio" name="mode" checked={mode === m} onChange={() => onMode(m)} data-testid={`mode-${m}`} />
            {t(m)}
          </label>
        ))}
      </div>
      {mode === 'hexagons' && (
        <>
          <label className="field">
            {t('metric')}
            <select value={source === 'heat_grid' ? 'pings' : metric} disabled={source === 'heat_grid'} onChange={(e) => onMetric(e.target.value as DensityMetric)} data-testid="metric">
              <option value="drivers">{t('metricDrivers')}</option>
              <option value="pings">{t('metricPings')}</option>
            </select>
          </label>
          <label className="field">
            {t('hexSize')}
            <select value={hexSizeM} onChange={(e) => onHexSize(Number(e.target.value))} data-testid="hex-size">
              {HEX_SIZES_M.map((s) => (
                <option key={s} value={s}>
                  {s} m
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <h2>{t('overlays')}</h2>
      {(
        [
          ['stations', 'unionStations'],
          ['charging', 'chargingStations'],
          ['labels', 'districtLabels'],
        ] as const
      ).map(([key, label]) => (
        <label key={key} className="toggle">
          <input type="checkbox" checked={overlays[key]} onChange={(e) => onOverlays({ ...overlays, [key]: e.target.checked })} data-testid={`overlay-${key}`} />
          {t(label)}
        </label>
      ))}
    </section>
  );
}
