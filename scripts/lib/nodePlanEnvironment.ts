/**
 * The planner's environment in Node: DuckDB-WASM (the browser's engine, driven synchronously),
 * the solvers in-process, and the shipped district boundaries. The CLI and the tests use it;
 * the app supplies the same interface with its DuckDB worker and the planner worker.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import loadHighs from 'highs';
import type { FeatureCollectionLike } from '../../web/src/geo/districtLookup';
import { createDistrictLookup } from '../../web/src/geo/districtLookup';
import type { PlanEnvironment } from '../../web/src/planner/runPlan';
import { solvePlanProblem } from '../../web/src/planner/solvePlan';
import type { SqlRunner } from '../../web/src/db/sqlRunner';
import { deriveWgs84Boundaries } from '../derived-data';

export function districtsOfFrom(districts: FeatureCollectionLike | null): PlanEnvironment['districtsOf'] {
  const lookup = districts ? createDistrictLookup(districts) : null;
  return (lon, lat) => {
    if (!lookup) return Array.from(lon, () => '');
    return Array.from(lookup.assignDistricts(lon, lat), (i) => (i >= 0 ? lookup.names[i] : ''));
  };
}

/** The Guangzhou districts in WGS-84, derived from the shipped DataV file as the build does. */
export function shippedDistricts(repoRoot: string): FeatureCollectionLike {
  const text = readFileSync(join(repoRoot, 'data/gz-admin/guangzhou_districts_440100_datav_v3.geojson'), 'utf8');
  return JSON.parse(deriveWgs84Boundaries(text)) as FeatureCollectionLike;
}

export function nodePlanEnvironment(runner: Pick<SqlRunner, 'query' | 'run'>, districts: FeatureCollectionLike | null): PlanEnvironment {
  return {
    query: (sql) => runner.query(sql),
    run: (statements) => runner.run(statements),
    solve: (problem, options, onProgress) => solvePlanProblem(problem, { ...options, onProgress }, () => loadHighs()),
    districtsOf: districtsOfFrom(districts),
  };
}
