/** The status bar's offline indicator: ready to work offline, installing, or a new version to switch to. */
import { useI18n } from '../i18n/I18nProvider';
import type { OfflineState } from '../offline/serviceWorkerClient';

export function OfflineBadge({ state, onUpdate }: { state: OfflineState; onUpdate: () => void }) {
  const { t } = useI18n();
  if (state === 'unsupported') return null;
  if (state === 'updateReady')
    return (
      <button type="button" className="offline-badge update" onClick={onUpdate} data-testid="offline-update">
        {t('offlineUpdate')}
      </button>
    );
  return (
    <span className={`offline-badge ${state}`} data-testid="offline-status" data-state={state} role="status">
      {t(state === 'ready' ? 'offlineReady' : state === 'installing' ? 'offlineInstalling' : 'offlineError')}
    </span>
  );
}
