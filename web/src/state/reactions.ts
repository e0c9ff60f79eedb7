/**
 * Every cross-slice reaction, in one place: what is recomputed when something it reads changes.
 * A reaction names what it watches (compared item by item, by identity) and what it runs.
 */
import { GUANGZHOU_VIEW } from '../map/offlineStyle';
import { urlStateToHash } from '../project/urlState';
import { reachRadiusM } from '../coverage/travelModes';
import { networkLoaded } from './networkSlice';
import { workingStateParts } from './workingState';
import type { AtlasState, AtlasStore } from './store';

type Watched = readonly unknown[];

function same(a: Watched, b: Watched): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** Runs `run` whenever what `watch` returns changes (and once now, when `now` is set). */
export function react(store: AtlasStore, watch: (s: AtlasState) => Watched, run: (s: AtlasState) => void, now = false): () => void {
  let last = watch(store.getState());
  if (now) run(store.getState());
  return store.subscribe((state) => {
    const next = watch(state);
    if (same(last, next)) return;
    last = next;
    run(state);
  });
}

const ready = (s: AtlasState) => s.data.db !== null && s.data.phase === 'ready';

export function wireReactions(store: AtlasStore): () => void {
  const stops = [
    // The density layer and totals: the filter, layer, measure, hexagons, source, or the data.
    react(
      store,
      (s) => [ready(s), s.density.filter, s.density.mode, s.density.metric, s.density.hexSizeM, s.density.source, s.data.revision, s.data.districtLookup],
      (s) => void s.density.refresh(),
    ),
    // The hour sparkline: the weekdays (not the hours it spans), the source, or the data.
    react(store, (s) => [ready(s), s.density.source, s.density.filter.weekdays.join(), s.data.revision], (s) => void s.density.refreshProfile()),
    // Coverage: stations (a table change), what-if points, reach, time filter, hexagons, network reach.
    react(
      store,
      (s) => [ready(s), s.coverage.enabled, s.density.filter, reachRadiusM(s.coverage.reach), s.coverage.hypothetical, s.density.hexSizeM, s.density.source, s.data.revision, s.data.districtLookup, s.network.version],
      (s) => void s.coverage.refresh(),
    ),
    // Reach over the road network: any station, what-if point, reach, or another network.
    react(
      store,
      (s) => [s.data.db, networkLoaded(s), s.network.loads, s.coverage.enabled, s.stations.list, s.coverage.hypothetical, s.coverage.reach],
      (s) => void s.network.refreshReach(),
    ),
    // The schema browser: tables appear (the shipped data loads after the database starts) or change.
    react(store, (s) => [s.data.db, s.data.revision, s.data.tables], (s) => void s.sql.refreshSchema()),
    // Autosave: any part of the working state, or a table.
    react(store, (s) => [s.data.phase, s.data.revision, ...workingStateParts(s)], (s) => s.project.scheduleAutosave()),
    // The address carries the view and filters, never data.
    react(
      store,
      (s) => [s.project.view, s.density.filter, s.density.mode, s.density.metric, s.density.hexSizeM, s.density.source],
      (s) => {
        const { filter, mode, metric, hexSizeM, source } = s.density;
        const view = s.project.view ?? { center: GUANGZHOU_VIEW.center as [number, number], zoom: GUANGZHOU_VIEW.zoom };
        store.getState().project.writeHash(urlStateToHash({ view, filter, mode, metric, hexSizeM, source }));
      },
      true,
    ),
  ];
  return () => stops.forEach((stop) => stop());
}
