import { describe, expect, it } from 'vitest';
import { changeMark, type LiveProjectInputs } from '../../../web/src/project/liveInputs';
import { EMPTY_HISTORY, recordEdit, redo, undo, type EditHistory, type StationEdit } from '../../../web/src/stations/stationEdits';

/** The app's side of an autosave: the edit history and a version counter per table, as App keeps them. */
function appLike() {
  let history: EditHistory = EMPTY_HISTORY;
  const versions: Record<string, number> = {};
  const apply = (next: EditHistory) => {
    history = next;
    versions.stations = (versions.stations ?? 0) + 1;
  };
  const inputs: Pick<LiveProjectInputs, 'live' | 'versionOf'> = {
    live: () => ({ stationHistory: history, importsThrough: 0 }),
    versionOf: (table) => String(versions[table] ?? 0),
  };
  return { inputs, apply, history: () => history };
}

const added: StationEdit = { type: 'add', station: { id: 'WHATIF-1-0', name: '假设站点 28', kind: '假设站点', lon: 113.29, lat: 23.1, address: null, hours: null } };

describe('changeMark', () => {
  it('is the same while nothing changes', () => {
    const app = appLike();
    app.apply(recordEdit(app.history(), added));
    expect(changeMark(app.inputs)).toBe(changeMark(app.inputs));
  });

  it('changes across an undo then a redo, which leave the edit history as it was', () => {
    const app = appLike();
    app.apply(recordEdit(app.history(), added));
    const before = changeMark(app.inputs);
    const historyBefore = JSON.stringify(app.inputs.live());
    // While a build reads the tables: undo, then redo.
    app.apply(undo(app.history())!.history);
    app.apply(redo(app.history())!.history);
    // The history alone cannot tell (this let a snapshot pair the redone history with the undone table).
    expect(JSON.stringify(app.inputs.live())).toBe(historyBefore);
    expect(changeMark(app.inputs)).not.toBe(before);
  });

  it('changes when an import lands in a table without touching the edit history', () => {
    const versions: Record<string, number> = { pings: 3 };
    const inputs = { live: () => ({ stationHistory: EMPTY_HISTORY, importsThrough: 7 }), versionOf: (t: string) => String(versions[t] ?? 0) };
    const before = changeMark(inputs);
    versions.pings = 4;
    expect(changeMark(inputs)).not.toBe(before);
  });
});
