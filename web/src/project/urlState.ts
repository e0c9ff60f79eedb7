/**
 * The map view and the filters in the address, so a link opens the same view on data the
 * colleague already has. Never any data: only numbers and names of settings.
 *   #map=11.5/23.12000/113.30000&h=7-10&d=1-5&layer=hexagons&metric=drivers&hex=500&src=pings
 */
import { formatWeekdayRanges, parseWeekdayRanges, type DensityFilter } from '../density/densityFilter';
import type { DensityMetric } from '../density/densityCells';
import type { DemandSource } from '../density/densityQueries';
import type { DensityMode } from '../density/useDensity';

export interface UrlState {
  view?: { center: [number, number]; zoom: number };
  filter?: DensityFilter;
  mode?: DensityMode;
  metric?: DensityMetric;
  hexSizeM?: number;
  source?: DemandSource;
}

export function urlStateToHash(state: Required<UrlState>): string {
  const { view, filter } = state;
  const parts = [
    `map=${view.zoom.toFixed(2)}/${view.center[1].toFixed(5)}/${view.center[0].toFixed(5)}`,
    `h=${filter.hourFrom}-${filter.hourTo}`,
    `d=${formatWeekdayRanges(filter.weekdays) || 'none'}`,
    `layer=${state.mode}`,
    `metric=${state.metric}`,
    `hex=${state.hexSizeM}`,
    `src=${state.source}`,
  ];
  return `#${parts.join('&')}`;
}

const inRange = (n: number, min: number, max: number) => Number.isFinite(n) && n >= min && n <= max;

/** What a hash says; parts that are missing or malformed are left out, never guessed. */
export function parseUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: UrlState = {};
  const map = params.get('map')?.split('/').map(Number);
  if (map && map.length === 3 && inRange(map[0], 0, 22) && inRange(map[1], -85, 85) && inRange(map[2], -180, 180)) state.view = { zoom: map[0], center: [map[2], map[1]] };
  const hours = params.get('h')?.split('-').map(Number);
  const days = params.get('d');
  if (hours && hours.length === 2 && hours.every((h) => Number.isInteger(h) && inRange(h, 0, 23)) && days !== null) {
    const weekdays = days === 'none' ? [] : parseWeekdayRanges(days);
    if (weekdays) state.filter = { hourFrom: hours[0], hourTo: hours[1], weekdays };
  }
  const layer = params.get('layer');
  if (layer === 'heatmap' || layer === 'hexagons') state.mode = layer;
  const metric = params.get('metric');
  if (metric === 'pings' || metric === 'drivers') state.metric = metric;
  const hex = Number(params.get('hex'));
  if ([250, 500, 1000, 2000].includes(hex)) state.hexSizeM = hex;
  const source = params.get('src');
  if (source === 'pings' || source === 'heat_grid') state.source = source;
  return state;
}
