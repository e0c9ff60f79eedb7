/** The status bar's offline indicator: ready to work offline, installing, or a new version to switch to. */
import { useI18n } from './I18nProvider';
import { useAtlas } from '../state/AtlasProvider';

export function OfflineBadge() {
  const { t } = useI18n();
  const state = useAtlas((s) => s.ui.offline);
  const onUpdate = useAtlas((s) => s.ui.applyUpdate);
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
