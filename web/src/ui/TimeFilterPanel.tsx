import { selectedHours, type DensityFilter } from '../density/densityFilter';
import { useI18n } from './I18nProvider';
import { useAtlas } from '../state/AtlasProvider';

const WORKDAYS = [1, 2, 3, 4, 5];

interface HourSliderProps {
  label: string;
  testId: string;
  value: number;
  suffix: string;
  onChange: (hour: number) => void;
}

function HourSlider({ label, testId, value, suffix, onChange }: HourSliderProps) {
  return (
    <label>
      {label} <output data-testid={`${testId}-value`}>{String(value).padStart(2, '0') + suffix}</output>
      <input type="range" min={0} max={23} value={value} aria-label={label} data-testid={testId} onChange={(e) => onChange(Number(e.target.value))} />
    </label>
  );
}
const WEEKEND = [6, 7];

/** Pings per hour for the chosen weekdays, with the selected window highlighted. */
function HourProfile({ profile, filter }: { profile: number[]; filter: DensityFilter }) {
  const { t } = useI18n();
  const max = Math.max(1, ...profile);
  const selected = new Set(selectedHours(filter));
  const bar = 264 / 24;
  return (
    <svg width={264} height={34} role="img" aria-label={t('hourProfile')} data-testid="hour-profile">
      {profile.map((n, hour) => (
        <rect key={hour} x={hour * bar + 1} y={32 - (n / max) * 30} width={bar - 2} height={(n / max) * 30} fill={selected.has(hour) ? '#0b5cad' : '#c9d3de'}>
          <title>{`${String(hour).padStart(2, '0')}:00 ${n.toLocaleString()}`}</title>
        </rect>
      ))}
    </svg>
  );
}

export function TimeFilterPanel() {
  const { t } = useI18n();
  const filter = useAtlas((s) => s.density.filter);
  const onChange = useAtlas((s) => s.density.setFilter);
  const profile = useAtlas((s) => s.density.hourProfile);
  const names = t('weekdayNames').split(',');
  const toggleDay = (day: number) => {
    const weekdays = filter.weekdays.includes(day) ? filter.weekdays.filter((d) => d !== day) : [...filter.weekdays, day].sort();
    onChange({ ...filter, weekdays });
  };
  return (
    <section className="panel-section" aria-labelledby="time-filter-title">
      <h2 id="time-filter-title">{t('timeFilter')}</h2>
      {profile && <HourProfile profile={profile} filter={filter} />}
      <div className="hour-row">
        <HourSlider label={t('hourFrom')} testId="hour-from" value={filter.hourFrom} suffix=":00" onChange={(hourFrom) => onChange({ ...filter, hourFrom })} />
        <HourSlider label={t('hourTo')} testId="hour-to" value={filter.hourTo} suffix=":59" onChange={(hourTo) => onChange({ ...filter, hourTo })} />
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
