/**
 * The working state a project carries besides its tables, gathered from the slices that own each
 * part, and put back into them. ProjectState is exactly the union of the slices' configs.
 */
import type { ProjectState } from '../project/projectState';
import type { AtlasState } from './store';

export function workingStateOf(s: AtlasState): ProjectState {
  return {
    view: s.project.view,
    filter: s.density.filter,
    source: s.density.source,
    mode: s.density.mode,
    metric: s.density.metric,
    hexSizeM: s.density.hexSizeM,
    overlays: s.ui.overlays,
    reach: s.coverage.reach,
    coverageEnabled: s.coverage.enabled,
    stationHistory: s.stations.history,
    planSettings: s.planner.settings,
    plan: s.planner.plan,
    demoData: s.data.demoData,
    importsThrough: s.importer.importsThrough,
    importReports: s.importer.reports,
    savedQueries: s.sql.saved,
  };
}

/** The parts of the working state that schedule an autosave when they change (by identity). */
export function workingStateParts(s: AtlasState): unknown[] {
  return Object.values(workingStateOf(s));
}

/**
 * Puts a saved state back. At start-up (a snapshot) what the address says stays, and the newer
 * edit history, plan and saved queries this browser kept win; a project file opened later sets
 * everything.
 */
export function applyWorkingState(s: AtlasState, state: ProjectState, from: 'snapshot' | 'file', kept: { plan: boolean; savedQueries: boolean }): void {
  const url = from === 'snapshot' ? s.project.urlAtStart : {};
  s.density.setConfig({
    filter: url.filter ?? state.filter,
    source: url.source ?? state.source,
    mode: url.mode ?? state.mode,
    metric: url.metric ?? state.metric,
    hexSizeM: url.hexSizeM ?? state.hexSizeM,
  });
  s.ui.setOverlays(state.overlays);
  s.coverage.setReach(state.reach);
  s.coverage.setEnabled(state.coverageEnabled);
  s.planner.setSettings(state.planSettings);
  s.data.setDemoData(state.demoData);
  if (from === 'file' || !kept.plan) s.planner.restore(state.plan);
  if (state.savedQueries && (from === 'file' || !kept.savedQueries)) s.sql.restoreSaved(state.savedQueries);
  if (from === 'file') s.stations.restoreHistory(state.stationHistory);
  if (state.view && !url.view) s.ui.jumpTo(state.view);
}
