import type { DensityFilter } from '../density/densityFilter';
import { useI18n } from '../i18n/I18nProvider';

const WORKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

export function TimeFilterPanel({ filter, onChange }: { filter: DensityFilter; onChange: (f: DensityFilter) => void }) {
  const { t } = useI18n();
  const names = t('weekdayNames').split(',');
  const toggleDay = (day: number) => {
    const weekdays = filter.weekdays.includes(day) ? filter.weekdays.filter((d) => d !== day) : [...filter.weekdays, day].sort();
    onChange({ ...filter, weekdays });
  };
  return (
    <section className="panel-section" aria-labelledby="time-filter-title">
      <h2 id="time-filter-title">{t('timeFilter')}</h2>
      <div className="hour-row">
        <label>
          {t('hourFrom')} <output data-testid="hour-from-value">{String(filter.hourFrom).padStart(2, '0')}:00</output>
          <input
            type="range"
            min={0}
            max={23}
            value={filter.hourFrom}
            aria-label={t('hourFrom')}
            data-testid="hour-from"
            onChange={(e) => onChange({ ...filter, hourFrom: Number(e.target.value) })}
          />
        </label>
        <label>
          {t('hourTo')} <output data-testid="hour-to-value">{String(filter.hourTo).padStart(2, '0')}:59</output>
          <input
            type="range"
            min={0}
            max={23}
            value={filter.hourTo}
            aria-label={t('hourTo')}
            data-testid="hour-to"
            onChange={(e) => onChange({ ...filter, hourTo: Number(e.target.value) })}
          />
        </label>
        <button type="button" onClick={() => onChange({ ...filter, hourFrom: 0, hourTo: 23 })}>
          {t('allDay')}
        </button>
      </div>
      <div className="weekday-row" role="group" aria-label={t('weekdays')}>
        {names.map((name, i) => (
          <label key={name} className="chip">
            <input type="checkbox" checked={filter.weekdays.includes(i + 1)} onChange={() => toggleDay(i + 1)} data-testid={`weekday-${i + 1}`} />
            {name}
          </label>
        ))}
      </div>
      <div className="button-row">
        <button type="button" onClick={() => onChange({ ...filter, weekdays: [1, 2, 3, 4, 5, 6, 7] })}>{t('allWeek')}</button>
        <button type="button" onClick={() => onChange({ ...filter, weekdays: WORKDAYS })}>{t('workdays')}</button>
        <button type="button" onClick={() => onChange({ ...filter, weekdays: WEEKEND })}>{t('weekend')}</button>
      </div>
    </section>
  );
}
