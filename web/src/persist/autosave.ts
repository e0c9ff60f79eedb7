/**
 * The autosaved working state: the latest project file, kept in IndexedDB as one record that each
 * save replaces in a single transaction. IndexedDB commits a transaction whole or not at all, so a
 * tab killed mid-save leaves the previous snapshot intact, never half of each.
 */
export interface Snapshot {
  id: 'current';
  revision: number;
  savedAt: string;
  bytes: Blob;
}

const DB_NAME = 'outreach-atlas-autosave';
const STORE = 'snapshots';
/** Every IndexedDB database the app writes, for "clear all data". */
const APP_DATABASES = ['outreach-atlas', DB_NAME];

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function saveSnapshot(bytes: Uint8Array, revision: number): Promise<void> {
  const db = await open();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
    const snapshot: Snapshot = { id: 'current', revision, savedAt: new Date().toISOString(), bytes: new Blob([bytes as BlobPart]) };
    tx.objectStore(STORE).put(snapshot);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('autosave aborted'));
  }).finally(() => db.close());
}

export async function loadSnapshot(): Promise<Snapshot | null> {
  const db = await open();
  return new Promise<Snapshot | null>((resolve, reject) => {
    const request = db.transaction(STORE, 'readonly').objectStore(STORE).get('current');
    request.onsuccess = () => resolve((request.result as Snapshot | undefined) ?? null);
    request.onerror = () => reject(request.error);
  }).finally(() => db.close());
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // Another tab holding it open: the deletion completes when that tab lets go.
    request.onblocked = () => resolve();
  });
}

/** Removes every byte the app stored: its IndexedDB databases and its localStorage keys. */
export async function clearAllStoredData(storage: Storage = localStorage): Promise<void> {
  await Promise.all(APP_DATABASES.map(deleteDatabase));
  for (const key of Object.keys(storage)) if (key.startsWith('atlas.')) storage.removeItem(key);
}
