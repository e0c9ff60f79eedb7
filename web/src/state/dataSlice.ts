/**
 * The database and what is in it: the DuckDB handle, the boot phase, the shipped boundaries, the
 * table catalogue (rows, and one version per table that changes whenever the table does), and the
 * charging stations drawn as an overlay.
 */
import { column } from '../db/arrowColumns';
import { TABLE_COUNTS_SQL } from '../db/schema';
import { interleaveLonLat } from '../density/densityQueries';
import { convertInterleavedInPlace } from '../geo/crs';
import { createDistrictLookup, type DistrictLookup } from '../geo/districtLookup';
import type { ChargingPoints } from '../map/overlayLayers';
import type { Database } from './deps';
import type { SliceContext } from './store';

export type BootPhase = 'startingDb' | 'loadingProject' | 'loadingPings' | 'loadingStations' | 'ready' | 'error';

export interface Boundaries {
  districts: GeoJSON.FeatureCollection;
  cities: GeoJSON.FeatureCollection;
}

export interface TableRows {
  name: string;
  rows: number;
}

/** Known WGS-84 points (EV chargers) that imported points are checked against to suggest a CRS. */
export type ReferencePoints = { lon: Float64Array; lat: Float64Array } | null;

export interface DataSlice {
  db: Database | null;
  phase: BootPhase;
  /** A start-up problem (the database, the autosave, replayed edits). */
  error: string | null;
  boundaries: Boundaries | null;
  districtLookup: DistrictLookup | null;
  tables: TableRows[];
  /** A counter per table, bumped with every change to it: autosave re-encodes only what changed. */
  versions: Record<string, number>;
  /** Bumped when any table may have changed (a SQL statement): every table's version moves. */
  epoch: number;
  /** Bumped with every change to any table, for reactions that re-query. */
  revision: number;
  /** Whether the pings are the shipped synthetic demo week (the badge stays honest). */
  demoData: boolean;
  charging: ChargingPoints;
  chargingWgs: ReferencePoints;

  setDb: (db: Database) => void;
  setPhase: (phase: BootPhase) => void;
  setError: (error: string | null) => void;
  setBoundaries: (boundaries: Boundaries) => void;
  setDemoData: (demo: boolean) => void;
  /** Records that tables changed (null: possibly any), so autosave and queries follow. */
  tablesChanged: (tables: string[] | null) => void;
  versionOf: (table: string) => string;
  /** Re-reads the row counts and the station list. */
  refreshCatalogue: () => Promise<void>;
  loadCharging: () => Promise<void>;
  /** Each point's district index (-1 outside), from interleaved lon/lat. */
  districtIndexOf: (lonLat: Float64Array) => Int16Array;
  /** District name of each point ('' outside every district). */
  districtsOf: (lon: Float64Array, lat: Float64Array) => string[];
}

export function createDataSlice({ set, get, own, deps }: SliceContext<'data'>): DataSlice {
  return {
    db: null,
    phase: 'startingDb',
    error: null,
    boundaries: null,
    districtLookup: null,
    tables: [],
    versions: {},
    epoch: 0,
    revision: 0,
    demoData: true,
    charging: { length: 0, positions: new Float64Array() },
    chargingWgs: null,

    setDb: (db) => set({ db }),
    setPhase: (phase) => set({ phase }),
    setError: (error) => set({ error }),
    setBoundaries: (boundaries) => set({ boundaries, districtLookup: createDistrictLookup(boundaries.districts) }),
    setDemoData: (demoData) => set({ demoData }),
    tablesChanged: (tables) =>
      set((s) => {
        if (tables === null) return { epoch: s.epoch + 1, revision: s.revision + 1 };
        const versions = { ...s.versions };
        for (const table of tables) versions[table] = (versions[table] ?? 0) + 1;
        return { versions, revision: s.revision + 1 };
      }),
    versionOf: (table) => `${own().epoch}.${own().versions[table] ?? 0}`,
    refreshCatalogue: async () => {
      const db = own().db;
      if (!db) return;
      const counts = await db.query(TABLE_COUNTS_SQL);
      set({ tables: counts.toArray().map((row) => row.toJSON() as TableRows) });
      await get().stations.reload();
    },
    loadCharging: async () => {
      const db = own().db;
      if (!db) return;
      const table = await db.query('SELECT lon, lat FROM charging_stations');
      const lon = column(table, 'lon', Float64Array);
      const lat = column(table, 'lat', Float64Array);
      const positions = interleaveLonLat(lon, lat);
      convertInterleavedInPlace(positions, 'WGS84', deps.displayCrs);
      set({ chargingWgs: { lon, lat }, charging: { length: table.numRows, positions } });
    },
    districtIndexOf: (lonLat) => {
      const lookup = own().districtLookup;
      if (!lookup) return new Int16Array(lonLat.length / 2).fill(-1);
      const lon = new Float64Array(lonLat.length / 2);
      const lat = new Float64Array(lonLat.length / 2);
      for (let i = 0; i < lon.length; i++) {
        lon[i] = lonLat[2 * i];
        lat[i] = lonLat[2 * i + 1];
      }
      return lookup.assignDistricts(lon, lat);
    },
    districtsOf: (lon, lat) => {
      const lookup = own().districtLookup;
      if (!lookup) return Array.from(lon, () => '');
      return Array.from(lookup.assignDistricts(lon, lat), (i) => (i >= 0 ? lookup.names[i] : ''));
    },
  };
}
