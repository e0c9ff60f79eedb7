/**
 * The project: save the whole working state as one .atlas file, open one (from a colleague or
 * another machine), see that autosave has the latest state, and clear every stored byte.
 */
import { useI18n } from './I18nProvider';
import { describeStoredProblem } from '../project/projectConfig';
import { useAtlas } from '../state/AtlasProvider';

export function ProjectPanel() {
  const { t } = useI18n();
  const status = useAtlas((s) => s.project.status);
  const error = useAtlas((s) => s.project.error);
  const problems = useAtlas((s) => s.project.problems);
  const { saveFile: onSave, openFile: onOpen, clearAll: onClearAll, dismissProblems } = useAtlas((s) => s.project);
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
      {problems.length > 0 && (
        // Stored state that did not parse opened at its defaults; staff see which part and why.
        <div className="error" role="alert" data-testid="stored-problems">
          {problems.map((problem, i) => (
            <div key={i}>{describeStoredProblem(problem, t)}</div>
          ))}
          <button type="button" onClick={dismissProblems} aria-label={t('close')}>
            ×
          </button>
        </div>
      )}
    </section>
  );
}
