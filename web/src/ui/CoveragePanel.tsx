import { DEFAULT_SPEED_KMH, MINUTES_RANGE, type TravelMode } from '../coverage/travelModes';
import { useI18n } from './I18nProvider';
import { useAtlas, useAtlasShallow } from '../state/AtlasProvider';
import { radiusOf } from '../state/coverageSlice';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const MODES: TravelMode[] = ['walk', 'ebike', 'drive'];

export function CoveragePanel() {
  const { t } = useI18n();
  const { enabled, reach, summary, baseline, computeMs, hypothetical, setEnabled: onEnabled, setReach: onReach, keepHypothetical: onKeep, discardHypothetical: onDiscard } = useAtlasShallow((s) => s.coverage);
  const radiusM = useAtlas(radiusOf);
  const placing = useAtlas((s) => s.ui.clickMode === 'whatif');
  const onPlace = useAtlas((s) => s.ui.toggleWhatIf);
  const network = useAtlas((s) => s.network.info);
  const onLoadNetwork = useAtlas((s) => s.network.load);
  const hypotheticalCount = hypothetical.length;
  const delta = summary && baseline && hypotheticalCount > 0 ? summary.pingShare - baseline.pingShare : null;
  return (
    <section className="panel-section" aria-labelledby="coverage-title" data-testid="coverage-panel">
      <h2 id="coverage-title">{t('coverage')}</h2>
      <label className="toggle">
        <input type="checkbox" checked={enabled} onChange={(e) => onEnabled(e.target.checked)} data-testid="coverage-enabled" />
        {t('coverageShow')}
      </label>
      {enabled && (
        <>
          <div className="segmented" role="radiogroup" aria-label={t('travelMode')}>
            {MODES.map((mode) => (
              <label key={mode} className={reach.mode === mode ? 'active' : ''}>
                <input type="radio" name="travel-mode" checked={reach.mode === mode} onChange={() => onReach({ ...reach, mode, speedKmh: DEFAULT_SPEED_KMH[mode] })} data-testid={`travel-${mode}`} />
                {t(mode === 'walk' ? 'modeWalk' : mode === 'ebike' ? 'modeEbike' : 'modeDrive')}
              </label>
            ))}
          </div>
          <label className="field">
            {t('speedKmh')}
            <input type="number" min={1} max={80} step={0.5} value={reach.speedKmh} onChange={(e) => Number(e.target.value) > 0 && onReach({ ...reach, speedKmh: Number(e.target.value) })} data-testid="speed" />
          </label>
          <label className="field">
            {t('minutes')} {reach.minutes}
            <input type="range" min={MINUTES_RANGE.min} max={MINUTES_RANGE.max} value={reach.minutes} onChange={(e) => onReach({ ...reach, minutes: Number(e.target.value) })} data-testid="minutes" />
          </label>
          <label className="field">
            {t('detourFactor')}
            <input type="number" min={1} max={3} step={0.05} value={reach.detourFactor} onChange={(e) => Number(e.target.value) >= 1 && onReach({ ...reach, detourFactor: Number(e.target.value) })} />
          </label>
          <div className="hint">{t('radiusNote', { m: Math.round(radiusM).toLocaleString() })}</div>
          <label className="file-field">
            {t('roadNetwork')}
            <input
              type="file"
              accept=".osm,.pbf,.xml,.gz,.geojson,.json"
              data-testid="network-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void onLoadNetwork(file);
                e.target.value = '';
              }}
            />
          </label>
          {network && (
            <div className="hint" data-testid="network-status">
              {network.error
                ? `${t('error')}: ${network.error}`
                : t('networkLoaded', { name: network.name, nodes: network.nodes.toLocaleString(), ways: network.ways.toLocaleString() })}
              {network.isochrone && (
                <div data-testid="isochrone-status" data-reached={network.isochrone.reachedNodes}>
                  {t('isochroneStatus', { snapped: network.isochrone.snapped, nodes: network.isochrone.reachedNodes.toLocaleString(), ms: Math.round(network.isochrone.ms) })}
                </div>
              )}
            </div>
          )}
          {summary ? (
            <>
              <div className="coverage-figures">
                <div>
                  {t('coveredPings')}: <b data-testid="coverage-pings">{pct(summary.pingShare)}</b>
                </div>
                <div>
                  {t('coveredDrivers')}: <b data-testid="coverage-drivers">{summary.totals.drivers > 0 ? pct(summary.driverShare) : '—'}</b>
                </div>
                <div>
                  {t('coveredWeight')}: <b data-testid="coverage-weight">{pct(summary.weightShare)}</b>
                </div>
                {delta !== null && (
                  <div className="delta" data-testid="coverage-delta">
                    {t('whatIfDelta', { delta: `${delta >= 0 ? '+' : ''}${(delta * 100).toFixed(1)}` })}
                  </div>
                )}
                {computeMs !== null && <div className="hint">{t('computedIn', { ms: Math.round(computeMs) })}</div>}
              </div>
              <HourBars byHour={summary.byHour} />
              <table className="small-table" data-testid="coverage-districts">
                <thead>
                  <tr>
                    <th>{t('district')}</th>
                    <th>{t('pings')}</th>
                    <th>{t('coveredShare')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byDistrict.map((d) => (
                    <tr key={d.district}>
                      <td>{d.district}</td>
                      <td>{d.pings.toLocaleString()}</td>
                      <td>{pct(d.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <h3>{t('largestGaps')}</h3>
              <ol className="gap-list" data-testid="gap-list">
                {summary.gaps.slice(0, 8).map((g) => (
                  <li key={g.cell}>
                    {g.district ?? t('outsideGuangzhou')} · {t('uncoveredDrivers', { n: g.uncoveredDrivers })} · {t('peakHour', { h: String(g.peakHour).padStart(2, '0') })}
                  </li>
                ))}
              </ol>
            </>
          ) : (
            <div className="hint">{t('loading')}</div>
          )}
          {hypotheticalCount > 0 && (
            <ul className="gap-list" data-testid="whatif-points">
              {hypothetical.map((p, i) => (
                <li key={i} data-lon={p.lon} data-lat={p.lat}>
                  {t('whatIfPoint', { i: i + 1, lon: p.lon.toFixed(5), lat: p.lat.toFixed(5) })}
                </li>
              ))}
            </ul>
          )}
          <div className="button-row">
            <button type="button" className={placing ? 'primary' : ''} onClick={onPlace} data-testid="whatif-place">
              {placing ? t('whatIfClickMap') : t('whatIfPlace')}
            </button>
            {hypotheticalCount > 0 && (
              <>
                <button type="button" onClick={() => void onKeep()} data-testid="whatif-keep">
                  {t('whatIfKeep')}
                </button>
                <button type="button" onClick={onDiscard} data-testid="whatif-discard">
                  {t('whatIfDiscard')}
                </button>
              </>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function HourBars({ byHour }: { byHour: { hour: number; share: number; pings: number }[] }) {
  const { t } = useI18n();
  const width = 264;
  const height = 48;
  const bar = width / 24;
  return (
    <svg width={width} height={height + 12} role="img" aria-label={t('coverageByHour')} className="hour-bars">
      {byHour.map((h) => (
        <g key={h.hour}>
          <rect x={h.hour * bar + 1} y={height - h.share * height} width={bar - 2} height={h.share * height} fill="#0b5cad">
            <title>{`${String(h.hour).padStart(2, '0')}:00 ${(h.share * 100).toFixed(1)}% (${h.pings})`}</title>
          </rect>
        </g>
      ))}
      {[0, 6, 12, 18].map((h) => (
        <text key={h} x={h * bar} y={height + 10} fontSize={9} fill="#667">
          {h}
        </text>
      ))}
    </svg>
  );
}
