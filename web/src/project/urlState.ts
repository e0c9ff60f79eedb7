/**
 * The map view and the filters in the address, so a link opens the same view on data the
 * colleague already has. Never any data: only numbers and names of settings.
 *   #map=11.5/23.12000/113.30000&h=7-10&d=1-5&layer=hexagons&metric=drivers&hex=500&src=pings
 * Read back through the same schemas as a project file (density and map configs).
 */
import { z } from 'zod';
import { demandSourceSchema, densityFilterSchema, densityMetricSchema, densityModeSchema, hexSizeSchema } from '../density/densityConfig';
import { formatWeekdayRanges, parseWeekdayRanges, type DensityFilter } from '../density/densityFilter';
import type { DensityMetric } from '../density/densityCells';
import type { DemandSource } from '../density/densityQueries';
import type { DensityMode } from '../density/cellTypes';
import { mapViewSchema } from '../map/mapConfig';
import { parseStoredState, type Parsed } from './storedState';

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

/** Every part optional: a link may carry any of them, and one that is absent is simply not set. */
const urlStateSchema = z.object({
  view: mapViewSchema.optional(),
  filter: densityFilterSchema.optional(),
  mode: densityModeSchema.optional(),
  metric: densityMetricSchema.optional(),
  hexSizeM: hexSizeSchema.optional(),
  source: demandSourceSchema.optional(),
}) satisfies z.ZodType<UrlState>;

/** Number('') is 0, which would turn `map=//` into a real place: an empty part is no number. */
const numberOf = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** The address's parts as the fields they stand for; a malformed part is kept as its text, so the schema refuses it by name. */
function rawUrlState(hash: string): Record<string, unknown> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const raw: Record<string, unknown> = {};
  const map = params.get('map');
  if (map !== null) {
    const parts = map.split('/').map(numberOf);
    raw.view = parts.length === 3 ? { zoom: parts[0], center: [parts[2], parts[1]] } : map;
  }
  const h = params.get('h');
  const d = params.get('d');
  // The window needs both its hours and its days: a link with one of them cannot be half applied.
  if (h !== null || d !== null) {
    const hours = h?.split('-').map(numberOf);
    const [hourFrom, hourTo] = hours?.length === 2 ? hours : [h ?? undefined, h ?? undefined];
    const weekdays = d === null ? undefined : d === 'none' ? [] : (parseWeekdayRanges(d) ?? d);
    raw.filter = { hourFrom, hourTo, weekdays };
  }
  const layer = params.get('layer');
  if (layer !== null) raw.mode = layer;
  const metric = params.get('metric');
  if (metric !== null) raw.metric = metric;
  const hex = params.get('hex');
  if (hex !== null) raw.hexSizeM = numberOf(hex);
  const source = params.get('src');
  if (source !== null) raw.source = source;
  return raw;
}

/** What a hash says, and a problem for each part present but malformed (those are left out, never guessed). */
export function parseUrlHash(hash: string): Parsed<UrlState> {
  return parseStoredState<UrlState>(urlStateSchema, rawUrlState(hash), {}, 'url', 'hash');
}

/** What a hash says; parts that are missing or malformed are left out. */
export function parseUrlState(hash: string): UrlState {
  return parseUrlHash(hash).value;
}
