/**
 * The planner panel: settings for a plan of enrolment drives, progress with cancel, and the
 * result — headline, ranked sites with their best slot and why, the schedule, exports, print
 * and the command that reproduces the plan. All figures come from the plan object.
 */
import { useState } from 'react';
import { selectedHours } from '../density/densityFilter';
import { HEX_SIZES_M } from '../density/hexGrid';
import { useI18n } from './I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { planCommand } from '../planner/planArgs';
import { slotLabel } from '../planner/planExport';
import type { Plan } from '../planner/planModel';
import type { CandidateKind, DemandMeasure, PlanSettings, SolverKind } from '../planner/planSettings';
import { useAtlas, useAtlasShallow } from '../state/AtlasProvider';
import { radiusOf } from '../state/coverageSlice';
import { planSettingsOf } from '../state/plannerSlice';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function PlannerPanel() {
  const { t } = useI18n();
  const planner = useAtlasShallow((s) => s.planner);
  const settings = useAtlasShallow((s) => planSettingsOf(s));
  const radiusM = useAtlas(radiusOf);
  const drawing = planner.drawingRing ? planner.drawingRing.length : null;
  const set = (patch: Partial<PlanSettings>) => planner.setSettings({ ...planner.settings, ...patch });
  const hours = selectedHours(settings.filter).length === 24 ? t('allDay') : `${settings.filter.hourFrom}–${settings.filter.hourTo} h`;
  const names = t('weekdayNames').split(',');
  const days = settings.filter.weekdays.map((d) => names[d - 1]).join(' ');
  const modeKey: MessageKey = settings.reach.mode === 'walk' ? 'modeWalk' : settings.reach.mode === 'ebike' ? 'modeEbike' : 'modeDrive';
  return (
    <section className="panel-section" aria-labelledby="planner-title" data-testid="planner-panel" data-revision={planner.revision}>
      <h2 id="planner-title">{t('planner')}</h2>
      <div className="hint">{t('planIntro')}</div>
      <div className="form-grid">
        <label className="field">
          {t('planK')}
          <input type="number" min={1} max={50} value={settings.k} onChange={(e) => Number(e.target.value) >= 1 && set({ k: Math.round(Number(e.target.value)) })} data-testid="plan-k" />
        </label>
        <label className="field">
          {t('planMeasure')}
          <select value={settings.measure} onChange={(e) => set({ measure: e.target.value as DemandMeasure })} data-testid="plan-measure">
            <option value="drivers">{t('measureDrivers')}</option>
            <option value="pings">{t('measurePings')}</option>
            <option value="weight">{t('measureWeight')}</option>
          </select>
        </label>
        <label className="field">
          {t('planCandidates')}
          <select value={settings.candidates} onChange={(e) => set({ candidates: e.target.value as CandidateKind })} data-testid="plan-candidates">
            <option value="both">{t('candBoth')}</option>
            <option value="cells">{t('candCells')}</option>
            <option value="venues">{t('candVenues')}</option>
          </select>
        </label>
        <label className="field">
          {t('planSpacing')}
          <input type="number" min={0} max={20000} step={100} value={settings.minSpacingM} onChange={(e) => Number(e.target.value) >= 0 && set({ minSpacingM: Number(e.target.value) })} data-testid="plan-spacing" />
        </label>
        <label className="field">
          {t('planCell')}
          <select value={settings.cellSizeM} onChange={(e) => set({ cellSizeM: Number(e.target.value) })}>
            {HEX_SIZES_M.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t('planSolver')}
          <select value={settings.solver} onChange={(e) => set({ solver: e.target.value as SolverKind })} data-testid="plan-solver">
            <option value="greedy">{t('solverGreedy')}</option>
            <option value="exact">{t('solverExact')}</option>
          </select>
        </label>
        {settings.solver === 'exact' && (
          <label className="field">
            {t('planTimeLimit')}
            <input type="number" min={1} max={600} value={settings.exactTimeLimitS} onChange={(e) => Number(e.target.value) >= 1 && set({ exactTimeLimitS: Number(e.target.value) })} data-testid="plan-time-limit" />
          </label>
        )}
        <label className="field">
          {t('planDrives')}
          <input type="number" min={0} max={100} value={settings.drives} onChange={(e) => Number(e.target.value) >= 0 && set({ drives: Math.round(Number(e.target.value)) })} data-testid="plan-drives" />
        </label>
        <label className="field">
          {t('planStart')}
          <input type="date" value={settings.startDate} onChange={(e) => e.target.value && set({ startDate: e.target.value })} data-testid="plan-start" />
        </label>
        <label className="field">
          {t('planDriveHours')}
          <input type="number" min={1} max={12} value={settings.driveHours} onChange={(e) => Number(e.target.value) >= 1 && set({ driveHours: Math.round(Number(e.target.value)) })} />
        </label>
      </div>
      <label className="toggle">
        <input type="checkbox" checked={settings.nonMembersOnly} onChange={(e) => set({ nonMembersOnly: e.target.checked })} data-testid="plan-nonmembers" />
        {t('planNonMembers')}
      </label>
      <label className="toggle">
        <input type="checkbox" checked={settings.uncoveredOnly} onChange={(e) => set({ uncoveredOnly: e.target.checked })} data-testid="plan-uncovered" />
        {t('planUncovered')}
      </label>
      <div className="hint">{t('planUses', { hours, days, mode: t(modeKey), minutes: settings.reach.minutes, m: Math.round(radiusM).toLocaleString() })}</div>
      <div className="button-row">
        {drawing === null ? (
          <button type="button" onClick={planner.startDrawing} data-testid="plan-exclude">
            {t('planExclude')}
          </button>
        ) : (
          <button type="button" className="primary" disabled={drawing < 3} onClick={planner.finishDrawing} data-testid="plan-exclude-done">
            {t('planExcludeDone')}
          </button>
        )}
        {settings.exclusions.length > 0 && (
          <button type="button" onClick={planner.clearExclusions} data-testid="plan-exclude-clear">
            {t('planExcludeClear', { n: settings.exclusions.length })}
          </button>
        )}
      </div>
      {drawing !== null && <div className="hint">{t('planExcludeHint')}</div>}
      <div className="button-row">
        <button type="button" className="primary" disabled={planner.running} onClick={() => void planner.run()} data-testid="plan-run">
          {t('planRun')}
        </button>
        {planner.running && (
          <button type="button" onClick={planner.cancel} data-testid="plan-cancel">
            {t('planCancel')}
          </button>
        )}
      </div>
      {planner.running && planner.phase && (
        <div className="hint" role="status" data-testid="plan-progress">
          {t(`planPhase_${planner.phase}` as MessageKey)}
          {planner.progress &&
            ' ' +
              t(planner.progress.stage === 'greedy' ? 'planProgressGreedy' : 'planProgressExact', {
                done: Math.round(planner.progress.done).toLocaleString(),
                total: Number.isFinite(planner.progress.total) ? Math.round(planner.progress.total).toLocaleString() : '∞',
              })}
          {planner.progress?.stage === 'greedy' && <progress max={planner.progress.total} value={planner.progress.done} />}
        </div>
      )}
      {planner.error && (
        <div className="error" role="alert" data-testid="plan-error">
          {planner.error === 'noDemand' ? t('planNoDemand') : planner.error === 'noCandidates' ? t('planNoCandidates') : `${t('error')}: ${planner.error}`}
        </div>
      )}
      {planner.plan && <PlanResult plan={planner.plan} />}
    </section>
  );
}

function PlanResult({ plan }: { plan: Plan }) {
  const { t, locale } = useI18n();
  const { selectedRank, selectSite: onSelectSite, exportPlan, openPrint, clear: onClear } = useAtlasShallow((s) => s.planner);
  const onExport = (format: 'csv' | 'geojson' | 'xlsx') => exportPlan(format, locale);
  const onPrint = () => void openPrint();
  const [showCommand, setShowCommand] = useState(false);
  const s = plan.solver;
  const kindKey = (kind: string): MessageKey => (kind === 'cell' ? 'kindCell' : kind === 'venue' ? 'kindVenue' : 'kindCharging');
  return (
    <div className="plan-result" data-testid="plan-result" data-sites={plan.sites.length}>
      <div className="plan-headline" data-testid="plan-headline">
        {plan.measure === 'drivers'
          ? t('planHeadline', { k: plan.sites.length, reached: plan.reached.drivers.toLocaleString(), total: plan.demand.drivers.toLocaleString(), pct: pct(plan.demand.drivers ? plan.reached.drivers / plan.demand.drivers : 0) })
          : t('planHeadlineMeasure', { k: plan.sites.length, pct: pct(plan.demand.measureTotal ? plan.reached.measure / plan.demand.measureTotal : 0) })}
      </div>
      <div className="hint" data-testid="plan-solver-report">
        {t('planSolverGreedy', { ms: s.greedyMs })}
        {s.exactStatus &&
          ' · ' +
            t('planSolverExact', {
              status: s.exactStatus === 'optimal' ? t('exactOptimal') : s.exactStatus === 'timeLimit' ? (s.bound === undefined ? t('exactTimeLimitNoBound') : t('exactTimeLimit', { bound: Math.round(s.bound).toLocaleString() })) : t('exactOther'),
              ms: s.exactMs ?? 0,
              gap: (s.greedyGapPct ?? 0).toFixed(2),
            })}
      </div>
      <table className="small-table plan-table" data-testid="plan-sites">
        <thead>
          <tr>
            <th>{t('colRank')}</th>
            <th>{t('colSite')}</th>
            <th>{t('colDrivers')}</th>
            <th>{t('colNew')}</th>
            <th>{t('colSlot')}</th>
          </tr>
        </thead>
        <tbody>
          {plan.sites.map((site) => (
            <tr key={site.id} className={site.rank === selectedRank ? 'selected' : ''} onClick={() => onSelectSite(site.rank)} data-rank={site.rank}>
              <td>{site.rank}</td>
              <td>
                <div>{site.name}</div>
                <div className="hint">
                  {site.district || '—'} · {t(kindKey(site.kind))}
                </div>
                {site.rank === selectedRank && (
                  <div className="hint" data-testid="plan-why">
                    {t('planWhy')}
                    {site.why.map((w) => `${w.district || '—'} ${Math.round(w.value)}`).join('；')}
                  </div>
                )}
              </td>
              <td>{site.drivers.toLocaleString()}</td>
              <td>+{Math.round(plan.measure === 'drivers' ? site.newDrivers : site.gain).toLocaleString()}</td>
              <td>{slotLabel(site.bestSlot, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {plan.schedule.length > 0 && (
        <>
          <h3>{t('planSchedule')}</h3>
          <table className="small-table" data-testid="plan-schedule">
            <thead>
              <tr>
                <th>{t('colDate')}</th>
                <th>{t('colTime')}</th>
                <th>{t('colRank')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.schedule.map((d) => (
                <tr key={d.drive}>
                  <td>
                    {d.date} {t('weekdayNames').split(',')[d.weekday - 1]}
                  </td>
                  <td>
                    {String(d.hourFrom).padStart(2, '0')}:00–{String(d.hourTo).padStart(2, '0')}:00
                  </td>
                  <td>
                    {d.rank} {plan.sites[d.rank - 1]?.name}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="button-row">
        <button type="button" onClick={() => onExport('csv')} data-testid="plan-export-csv">
          {t('exportCsv')}
        </button>
        <button type="button" onClick={() => onExport('xlsx')} data-testid="plan-export-xlsx">
          {t('exportXlsx')}
        </button>
        <button type="button" onClick={() => onExport('geojson')} data-testid="plan-export-geojson">
          {t('exportGeoJson')}
        </button>
        <button type="button" onClick={onPrint} data-testid="plan-print">
          {t('planPrint')}
        </button>
        <button type="button" onClick={() => setShowCommand((v) => !v)} data-testid="plan-command-toggle">
          {t('planCommand')}
        </button>
        <button type="button" onClick={onClear} data-testid="plan-clear">
          {t('planClear')}
        </button>
      </div>
      {showCommand && (
        <pre className="plan-command" data-testid="plan-command">
          {planCommand(plan.settings)}
        </pre>
      )}
    </div>
  );
}
