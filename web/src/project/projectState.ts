/** The working state a project file carries besides its tables: what the user set up and made. */
import type { ReachSettings } from '../coverage/travelModes';
import type { DensityFilter } from '../density/densityFilter';
import type { DensityMetric } from '../density/densityCells';
import type { DemandSource } from '../density/densityQueries';
import type { DensityMode } from '../density/useDensity';
import type { Plan } from '../planner/planModel';
import type { PlanSettings } from '../planner/planSettings';
import type { EditHistory } from '../stations/stationEdits';
import type { ImportReport } from '../ingest/runImport';
import type { SavedQuery } from '../sql/queryLibrary';

export interface ProjectState {
  view: { center: [number, number]; zoom: number } | null;
  filter: DensityFilter;
  source: DemandSource;
  mode: DensityMode;
  metric: DensityMetric;
  hexSizeM: number;
  overlays: { stations: boolean; charging: boolean; labels: boolean };
  reach: ReachSettings;
  coverageEnabled: boolean;
  /** Station edits, so undo still works after opening (the stations table already has them). */
  stationHistory: EditHistory;
  planSettings: PlanSettings;
  plan: Plan | null;
  /** Whether the pings are the shipped synthetic demo week (the badge stays honest). */
  demoData: boolean;
  /** The newest logged import the tables already hold (autosave): later ones are replayed on top. */
  importsThrough: number;
  /** The import reports shown in the import panel (newest first). */
  importReports: ImportReport[];
  /** The analyst's named SQL queries. */
  savedQueries: SavedQuery[];
}
