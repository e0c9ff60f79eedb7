/**
 * Registers the build's service worker and reports what the status bar shows: whether the app
 * is ready to work offline, and whether a newer version is waiting (the user chooses when to
 * switch, so a plan in progress is never reloaded away). Not used by the dev server.
 */
export type OfflineState = 'unsupported' | 'installing' | 'ready' | 'updateReady' | 'error';

export function registerServiceWorker(onState: (state: OfflineState) => void): { applyUpdate: () => void } {
  let waiting: ServiceWorker | null = null;
  const applyUpdate = () => {
    if (!waiting) return;
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage('skipWaiting');
  };
  if (!('serviceWorker' in navigator)) {
    onState('unsupported');
    return { applyUpdate };
  }
  onState('installing');
  navigator.serviceWorker
    .register('./sw.js', { scope: './' })
    .then((registration) => {
      const track = (worker: ServiceWorker) => {
        worker.addEventListener('statechange', () => {
          if (worker.state !== 'installed') return;
          if (navigator.serviceWorker.controller) {
            waiting = worker;
            onState('updateReady');
          }
        });
      };
      if (registration.waiting && navigator.serviceWorker.controller) {
        waiting = registration.waiting;
        onState('updateReady');
      }
      if (registration.installing) track(registration.installing);
      registration.addEventListener('updatefound', () => registration.installing && track(registration.installing));
      return navigator.serviceWorker.ready;
    })
    .then(() => onState(waiting ? 'updateReady' : 'ready'))
    .catch(() => onState('error'));
  return { applyUpdate };
}
