// First: parsers must not reach for eval, which the CSP forbids.
import './security/noEval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './ui/I18nProvider';
import { registerServiceWorker } from './offline/serviceWorkerClient';
import { AtlasProvider } from './state/AtlasProvider';
import { browserDeps } from './state/browserDeps';
import { initialize } from './state/initialize';
import { createAtlasStore } from './state/store';
import './styles.css';

const deps = browserDeps();
const store = createAtlasStore(deps);
void initialize(store, deps);
// The service worker (production builds): offline after one visit, updates when the user says.
if (import.meta.env.PROD) {
  const { applyUpdate } = registerServiceWorker((state) => store.getState().ui.setOffline(state));
  store.getState().ui.setOffline(store.getState().ui.offline, applyUpdate);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AtlasProvider store={store}>
      <I18nProvider>
        <App displayCrs={deps.displayCrs} basemap={deps.basemap} />
      </I18nProvider>
    </AtlasProvider>
  </StrictMode>,
);
