import { useEffect } from 'react';
import type { EditableStation } from '../stations/stationEdits';
import { stationsToCsv, stationsToGeoJson } from '../stations/stationExport';
import { useI18n } from '../i18n/I18nProvider';
import { downloadText } from './download';

export type ClickMode = 'none' | 'whatif' | 'add' | 'move';

export interface StationsPanelProps {
  stations: EditableStation[];
  selected: EditableStation | null;
  clickMode: ClickMode;
  onClickMode: (mode: ClickMode) => void;
  onDelete: (station: EditableStation) => void;
  canUndo: boolean;
  canRedo: boolean;
  onUndo: () => void;
  onRedo: () => void;
}

export function StationsPanel({ stations, selected, clickMode, onClickMode, onDelete, canUndo, canRedo, onUndo, onRedo }: StationsPanelProps) {
  const { t } = useI18n();
  // Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z or Ctrl+Y redoes, unless the user is typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement)?.closest('input, textarea, select')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey && canUndo) {
        e.preventDefault();
        onUndo();
      } else if (((key === 'z' && e.shiftKey) || key === 'y') && canRedo) {
        e.preventDefault();
        onRedo();
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
        <button type="button" onClick={onUndo} disabled={!canUndo} data-testid="station-undo" title="Ctrl+Z">
          {t('undo')}
        </button>
        <button type="button" onClick={onRedo} disabled={!canRedo} data-testid="station-redo" title="Ctrl+Shift+Z">
          {t('redo')}
        </button>
      </div>
      {selected ? (
        <div className="selected-station" data-testid="selected-station">
          <div>
            <b>{selected.name}</b> · {selected.kind}
          </div>
          <div className="button-row">
            <button type="button" className={clickMode === 'move' ? 'primary' : ''} onClick={() => onClickMode(clickMode === 'move' ? 'none' : 'move')} data-testid="station-move">
              {clickMode === 'move' ? t('clickToMove') : t('moveStation')}
            </button>
            <button type="button" onClick={() => onDelete(selected)} data-testid="station-delete">
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
