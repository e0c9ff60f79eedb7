import { useEffect, useState } from 'react';
import type { EditableStation, StationDetails } from '../stations/stationEdits';
import { stationsToCsv, stationsToGeoJson } from '../stations/stationExport';
import { useI18n } from './I18nProvider';
import { downloadText } from '../export/download';
import { useAtlas } from '../state/AtlasProvider';
import { selectedStation } from '../state/stationsSlice';

export function StationsPanel() {
  const { t } = useI18n();
  const stations = useAtlas((s) => s.stations.list);
  const selected = useAtlas(selectedStation);
  const clickMode = useAtlas((s) => s.ui.clickMode);
  const onClickMode = useAtlas((s) => s.ui.setClickMode);
  const canUndo = useAtlas((s) => s.stations.history.done.length > 0);
  const canRedo = useAtlas((s) => s.stations.history.undone.length > 0);
  const { remove: onDelete, setDetails: onDetails, undo: onUndo, redo: onRedo } = useAtlas((s) => s.stations);
  // Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes, unless the user is typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement)?.closest('input, textarea, select')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey && canUndo) {
        e.preventDefault();
        void onUndo();
      } else if (((key === 'z' && e.shiftKey) || key === 'y') && canRedo) {
        e.preventDefault();
        void onRedo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canUndo, canRedo, onUndo, onRedo]);

  return (
    <section className="panel-section" aria-labelledby="stations-title" data-testid="stations-panel">
      <h2 id="stations-title">
        {t('stationsTitle')} <span data-testid="station-count">{stations.length}</span>
      </h2>
      <div className="button-row">
        <button type="button" className={clickMode === 'add' ? 'primary' : ''} onClick={() => onClickMode(clickMode === 'add' ? 'none' : 'add')} data-testid="station-add">
          {clickMode === 'add' ? t('clickToAdd') : t('addStation')}
        </button>
        <button type="button" onClick={() => void onUndo()} disabled={!canUndo} data-testid="station-undo" title="Ctrl+Z">
          {t('undo')}
        </button>
        <button type="button" onClick={() => void onRedo()} disabled={!canRedo} data-testid="station-redo" title="Ctrl+Shift+Z">
          {t('redo')}
        </button>
      </div>
      {selected ? (
        <div className="selected-station" data-testid="selected-station">
          <div>
            <b data-testid="selected-station-name">{selected.name}</b> · {selected.kind}
          </div>
          <StationDetailsForm key={`${selected.id}:${selected.name}:${selected.kind}:${selected.address}:${selected.hours}`} station={selected} onSave={(details) => void onDetails(selected, details)} />
          <div className="button-row">
            <button type="button" className={clickMode === 'move' ? 'primary' : ''} onClick={() => onClickMode(clickMode === 'move' ? 'none' : 'move')} data-testid="station-move">
              {clickMode === 'move' ? t('clickToMove') : t('moveStation')}
            </button>
            <button type="button" onClick={() => void onDelete(selected)} data-testid="station-delete">
              {t('deleteStation')}
            </button>
          </div>
        </div>
      ) : (
        <div className="hint">{t('selectStationHint')}</div>
      )}
      <div className="button-row">
        <button type="button" onClick={() => downloadText('stations.csv', stationsToCsv(stations), 'text/csv;charset=utf-8')} data-testid="stations-export-csv">
          {t('exportCsv')}
        </button>
        <button type="button" onClick={() => downloadText('stations.geojson', stationsToGeoJson(stations), 'application/geo+json')}>
          {t('exportGeoJson')}
        </button>
      </div>
    </section>
  );
}

const KINDS = ['会员之家', '司机之家', '爱心驿站'];

/** Name, kind, address and opening hours of the selected station; saving is one undoable edit. */
function StationDetailsForm({ station, onSave }: { station: EditableStation; onSave: (details: StationDetails) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<StationDetails>({ name: station.name, kind: station.kind, address: station.address, hours: station.hours });
  const changed = draft.name !== station.name || draft.kind !== station.kind || draft.address !== station.address || draft.hours !== station.hours;
  const text = (value: string) => (value.trim() === '' ? null : value);
  return (
    <form
      className="station-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (changed && draft.name.trim()) onSave(draft);
      }}
    >
      <label className="field">
        {t('stationName')}
        <input value={draft.name} maxLength={120} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="station-name-input" />
      </label>
      <label className="field">
        {t('kind')}
        <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })} data-testid="station-kind-input">
          {[...new Set([...KINDS, station.kind])].map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        {t('address')}
        <input value={draft.address ?? ''} maxLength={200} onChange={(e) => setDraft({ ...draft, address: text(e.target.value) })} />
      </label>
      <label className="field">
        {t('openHours')}
        <input value={draft.hours ?? ''} maxLength={80} onChange={(e) => setDraft({ ...draft, hours: text(e.target.value) })} />
      </label>
      <button type="submit" disabled={!changed || !draft.name.trim()} data-testid="station-save">
        {t('saveDetails')}
      </button>
    </form>
  );
}
