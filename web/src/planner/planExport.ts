/**
 * A plan as files: CSV (UTF-8 with BOM, so Excel shows Chinese), GeoJSON (WGS-84 points) and
 * XLSX (the plan and the schedule as two sheets). The app's export buttons and the CLI share
 * these, so the same plan gives byte-identical files either way.
 */
import { toCsv } from '../export/csvWriter';
import { writeXlsx, type CellValue } from '../export/xlsxWriter';
import type { Locale } from '../i18n/messages';
import type { Slot } from './driveSchedule';
import type { Plan } from './planModel';

const WEEKDAYS: Record<Locale, string[]> = {
  'zh-CN': ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

const HEADERS: Record<Locale, { plan: string[]; schedule: string[]; kinds: Record<string, string>; sheetPlan: string; sheetSchedule: string }> = {
  'zh-CN': {
    plan: ['排名', '地点', '类型', '区', '经度', '纬度', '覆盖司机', '新增司机', '覆盖定位点', '目标增益', '最佳时段', '原因（新增最多的网格）'],
    schedule: ['场次', '日期', '星期', '开始', '结束', '排名', '地点', '区', '时段内司机（按小时合计）'],
    kinds: { cell: '热点网格', venue: '场地', charging: '充电站' },
    sheetPlan: '入会活动方案',
    sheetSchedule: '日程',
  },
  en: {
    plan: ['rank', 'site', 'type', 'district', 'lon', 'lat', 'drivers reached', 'new drivers', 'pings reached', 'objective gain', 'best slot', 'why (cells adding most)'],
    schedule: ['drive', 'date', 'weekday', 'from', 'to', 'rank', 'site', 'district', 'drivers in slot (hourly sum)'],
    kinds: { cell: 'hotspot cell', venue: 'venue', charging: 'charging station' },
    sheetPlan: 'Enrolment drives',
    sheetSchedule: 'Schedule',
  },
};

const hh = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function slotLabel(slot: Slot | null, locale: Locale): string {
  return slot ? `${WEEKDAYS[locale][slot.weekday - 1]} ${hh(slot.hourFrom)}–${hh(slot.hourTo)}` : '';
}

function whyLabel(plan: Plan, rank: number): string {
  const site = plan.sites[rank - 1];
  return site.why.map((cell) => `${cell.district || '—'} (${cell.lon.toFixed(4)}, ${cell.lat.toFixed(4)}) ${round(cell.value, 1)}`).join('; ');
}

export function planRows(plan: Plan, locale: Locale): { header: string[]; rows: CellValue[][] } {
  const h = HEADERS[locale];
  return {
    header: h.plan,
    rows: plan.sites.map((s) => [s.rank, s.name, h.kinds[s.kind], s.district, round(s.lon, 6), round(s.lat, 6), s.drivers, s.newDrivers, s.pings, round(s.gain, 3), slotLabel(s.bestSlot, locale), whyLabel(plan, s.rank)]),
  };
}

export function scheduleRows(plan: Plan, locale: Locale): { header: string[]; rows: CellValue[][] } {
  const h = HEADERS[locale];
  return {
    header: h.schedule,
    rows: plan.schedule.map((d) => {
      const site = plan.sites[d.rank - 1];
      return [d.drive, d.date, WEEKDAYS[locale][d.weekday - 1], hh(d.hourFrom), hh(d.hourTo), d.rank, site.name, site.district, round(d.score, 3)];
    }),
  };
}

export function planToCsv(plan: Plan, locale: Locale): string {
  const { header, rows } = planRows(plan, locale);
  return '\ufeff' + toCsv(header, rows);
}

/** Site names as stored (GIS tools do not evaluate formulas); CSV and XLSX are the spreadsheet files. */
export function planToGeoJson(plan: Plan): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: plan.sites.map(({ lon, lat, profile, ...site }) => ({
      type: 'Feature',
      properties: { ...site, bestSlot: site.bestSlot, drives: plan.schedule.filter((d) => d.rank === site.rank) },
      geometry: { type: 'Point', coordinates: [lon, lat] },
    })),
  });
}

export function planToXlsx(plan: Plan, locale: Locale): Uint8Array {
  const h = HEADERS[locale];
  const sites = planRows(plan, locale);
  const schedule = scheduleRows(plan, locale);
  return writeXlsx([
    { name: h.sheetPlan, rows: [sites.header, ...sites.rows] },
    { name: h.sheetSchedule, rows: [schedule.header, ...schedule.rows] },
  ]);
}
