/**
 * A printable A4 plan in the user's language: title, settings, the map as an image (numbered
 * sites and their reach), the ranked sites with best slot and why, and the schedule. Print CSS
 * hides the rest of the app; the browser's print dialog saves it as PDF.
 */
import { selectedHours } from '../density/densityFilter';
import { useI18n } from './I18nProvider';
import { planRows, scheduleRows } from '../planner/planExport';
import type { Plan } from '../planner/planModel';
import { useAtlas } from '../state/AtlasProvider';

export function PlanPrintView() {
  const plan = useAtlas((s) => s.planner.plan);
  return plan ? <PrintedPlan plan={plan} /> : null;
}

function PrintedPlan({ plan }: { plan: Plan }) {
  const { t, locale } = useI18n();
  const mapImage = useAtlas((s) => s.planner.print?.image ?? null);
  const onClose = useAtlas((s) => s.planner.closePrint);
  const sites = planRows(plan, locale);
  const schedule = scheduleRows(plan, locale);
  // Coordinates and objective are in the exports; the printed table keeps what staff act on.
  const keep = [0, 1, 2, 3, 6, 7, 10, 11];
  const names = t('weekdayNames').split(',');
  const filter = plan.settings.filter;
  const hours = selectedHours(filter).length === 24 ? t('allDay') : `${filter.hourFrom}–${filter.hourTo} h`;
  return (
    <div className="print-view" role="dialog" aria-labelledby="print-title" data-testid="print-view">
      <div className="print-actions no-print">
        <button type="button" className="primary" onClick={() => window.print()} data-testid="print-now">
          {t('printNow')}
        </button>
        <button type="button" onClick={onClose} data-testid="print-close">
          {t('printBack')}
        </button>
      </div>
      <article className="print-page">
        <h1 id="print-title">{t('printTitle')}</h1>
        <p className="print-headline">
          {plan.measure === 'drivers'
            ? t('planHeadline', {
                k: plan.sites.length,
                reached: plan.reached.drivers.toLocaleString(),
                total: plan.demand.drivers.toLocaleString(),
                pct: `${((plan.demand.drivers ? plan.reached.drivers / plan.demand.drivers : 0) * 100).toFixed(1)}%`,
              })
            : t('planHeadlineMeasure', { k: plan.sites.length, pct: `${((plan.demand.measureTotal ? plan.reached.measure / plan.demand.measureTotal : 0) * 100).toFixed(1)}%` })}
        </p>
        <p className="print-settings">
          {t('printSettings')}：{hours}，{filter.weekdays.map((d) => names[d - 1]).join(' ')}；{Math.round(plan.radiusM).toLocaleString()} m；
          {plan.settings.nonMembersOnly ? t('planNonMembers') + '；' : ''}
          {plan.settings.uncoveredOnly ? t('planUncovered') : ''}
        </p>
        {mapImage && <img className="print-map" src={mapImage} alt={t('printMapAlt')} data-testid="print-map" />}
        <table className="print-table" data-testid="print-sites">
          <thead>
            <tr>
              {keep.map((c) => (
                <th key={c}>{sites.header[c]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sites.rows.map((row, i) => (
              <tr key={i}>
                {keep.map((c) => (
                  <td key={c}>{String(row[c] ?? '')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {schedule.rows.length > 0 && (
          <>
            <h2>{t('planSchedule')}</h2>
            <table className="print-table" data-testid="print-schedule">
              <thead>
                <tr>
                  {schedule.header.slice(0, 8).map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {schedule.rows.map((row, i) => (
                  <tr key={i}>
                    {row.slice(0, 8).map((cell, c) => (
                      <td key={c}>{String(cell ?? '')}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </article>
    </div>
  );
}
