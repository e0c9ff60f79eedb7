/**
 * The project: save the whole working state as one .atlas file, open one (from a colleague or
 * another machine), see that autosave has the latest state, and clear every stored byte.
 */
import { useI18n } from '../i18n/I18nProvider';
import type { AutosaveStatus } from '../project/useProject';

export interface ProjectPanelProps {
  status: AutosaveStatus;
  error: string | null;
  onSave: () => void;
  onOpen: (file: File) => void;
  onClearAll: () => void;
}

export function ProjectPanel({ status, error, onSave, onOpen, onClearAll }: ProjectPanelProps) {
  const { t } = useI18n();
  const time = status.savedAt ? new Date(status.savedAt).toLocaleTimeString() : '';
  return (
    <section className="panel-section" aria-labelledby="project-title" data-testid="project-panel">
      <h2 id="project-title">{t('project')}</h2>
      <div className="button-row">
        <button type="button" onClick={onSave} data-testid="project-save">
          {t('projectSave')}
        </button>
        <label className="button-like">
          {t('projectOpen')}
          <input
            type="file"
            accept=".atlas,application/zip"
            className="visually-hidden"
            data-testid="project-open"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) onOpen(file);
              e.target.value = '';
            }}
          />
        </label>
        <button
          type="button"
          onClick={() => {
            if (confirm(t('clearAllConfirm'))) onClearAll();
          }}
          data-testid="clear-all"
        >
          {t('clearAll')}
        </button>
      </div>
      <div
        className="hint"
        role="status"
        data-testid="autosave-status"
        data-phase={status.phase}
        data-revision={status.revision}
        data-restored={status.restoredRevision ?? ''}
      >
        {status.phase === 'saving'
          ? t('autosaveSaving')
          : status.phase === 'error'
            ? `${t('autosaveError')}: ${status.error}`
            : status.phase === 'saved'
              ? t('autosaveSaved', { n: status.revision, time })
              : status.restoredRevision !== null
                ? t('autosaveRestored', { n: status.restoredRevision })
                : t('autosaveIdle')}
      </div>
      {error && (
        <div className="error" role="alert" data-testid="project-error">
          {error}
        </div>
      )}
    </section>
  );
}
