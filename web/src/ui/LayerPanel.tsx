import type { DensityMetric } from '../density/densityCells';
import type { DensityMode } from '../density/useDensity';
import type { DemandSource } from '../density/densityQueries';
import { useI18n } from '../i18n/I18nProvider';

export interface Overlays {
  stations: boolean;
  charging: boolean;
  labels: boolean;
}

export interface LayerPanelProps {
  mode: DensityMode;
  onMode: (mode: DensityMode) => void;
  metric: DensityMetric;
  onMetric: (metric: DensityMetric) => void;
  hexSizeM: number;
  onHexSize: (size: number) => void;
  overlays: Overlays;
  onOverlays: (overlays: Overlays) => void;
  sources: DemandSource[];
  source: DemandSource;
  onSource: (source: DemandSource) => void;
}

const HEX_SIZES = [250, 500, 1000, 2000];

export function LayerPanel(props: LayerPanelProps) {
  const { t } = useI18n();
  const { mode, onMode, metric, onMetric, hexSizeM, onHexSize, overlays, onOverlays, sources, source, onSource } = props;
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
              {HEX_SIZES.map((s) => (
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
