import { DENSITY_PALETTE, legendRanges } from '../density/colorScale';
import { useI18n } from './I18nProvider';
import { useAtlas } from '../state/AtlasProvider';
import { STATION_KIND_COLOURS, stationGlyph } from '../map/overlayLayers';

const rgb = ([r, g, b]: number[]) => `rgb(${r}, ${g}, ${b})`;

const NO_BREAKS: number[] = [];

export function Legend() {
  const { t } = useI18n();
  const mode = useAtlas((s) => s.density.mode);
  // A heat grid has no drivers: it is coloured by weight.
  const metric = useAtlas((s) => (s.density.source === 'heat_grid' ? 'pings' : s.density.metric));
  const breaks = useAtlas((s) => s.density.hex?.breaks ?? NO_BREAKS);
  const heatMax = useAtlas((s) => s.density.heat?.maxWeight ?? 0);
  return (
    <section className="panel-section legend" data-testid="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('legend')}</h2>
      {mode === 'heatmap' ? (
        <>
          <div className="legend-caption">{t('legendHeat')}</div>
          <div className="legend-ramp" style={{ background: `linear-gradient(to right, ${DENSITY_PALETTE.map(rgb).join(', ')})` }} />
          <div className="legend-ends">
            <span>{t('low')}</span>
            <span>{t('high')}</span>
          </div>
          <div className="legend-caption">{t('legendHeatMax', { n: Math.round(heatMax).toLocaleString() })}</div>
        </>
      ) : (
        <>
          <div className="legend-caption">{t('legendHex', { metric: metric === 'pings' ? t('metricPings') : t('metricDrivers') })}</div>
          <ul className="legend-classes">
            {legendRanges(breaks).map(({ from, to, colour }) => (
              <li key={to}>
                <span className="swatch" style={{ background: rgb(colour) }} />
                {from === to ? to.toLocaleString() : `${from.toLocaleString()}–${to.toLocaleString()}`}
              </li>
            ))}
          </ul>
        </>
      )}
      <ul className="legend-classes" data-testid="station-legend">
        {Object.entries(STATION_KIND_COLOURS).map(([kind, colour]) => (
          <li key={kind}>
            <span className="station-swatch" style={{ background: rgb(colour) }}>
              {stationGlyph(kind)}
            </span>
            {kind}
          </li>
        ))}
      </ul>
    </section>
  );
}
