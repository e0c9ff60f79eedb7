/**
 * The autosaved working state, in IndexedDB: a record `current` with the project manifest and the
 * names of its table parts, and one record per part holding that table's Parquet bytes. A save
 * writes the parts it lacks, then `current`, then drops parts no longer named, all in a single
 * transaction: IndexedDB commits it whole or not at all, so a tab killed mid-save leaves the
 * previous snapshot intact. A table unchanged since the last save is not written again, so a
 * filter change saves a few kilobytes, not the pings.
 */

/**
 * What a save writes: the project manifest (stored as JSON) and each table's bytes under a part name
 * that stays the same while the table does (project/projectStore's ProjectParts fits it).
 */
export interface SnapshotParts {
  manifest: unknown;
  parts: { file: string; part: string; bytes: Uint8Array }[];
}

/** What a save wrote, as read back: the manifest and each table file's bytes. */
export type Snapshot =
  | { kind: 'parts'; revision: number; manifestJson: string; files: Map<string, Blob> }
  /** A whole project file, as earlier versions of the app stored it. */
  | { kind: 'zip'; revision: number; bytes: Blob };

interface CurrentRecord {
  id: 'current';
  revision: number;
  savedAt: string;
  manifest?: string;
  /** Table file → part record id. */
  parts?: Record<string, string>;
  /** Earlier versions: the whole project file. */
  bytes?: Blob;
}

const PART = 'part:';

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

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('autosave aborted'));
  });

export async function saveSnapshot(project: SnapshotParts, revision: number): Promise<void> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
    const finished = done(tx);
    const store = tx.objectStore(STORE);
    const keys = store.getAllKeys();
    keys.onsuccess = () => {
      const stored = new Set(keys.result.map(String));
      const named = new Set<string>();
      for (const { part, bytes } of project.parts) {
        const id = PART + part;
        named.add(id);
        if (!stored.has(id)) store.put({ id, blob: new Blob([bytes as BlobPart]) });
      }
      const current: CurrentRecord = {
        id: 'current',
        revision,
        savedAt: new Date().toISOString(),
        manifest: JSON.stringify(project.manifest),
        parts: Object.fromEntries(project.parts.map(({ file, part }) => [file, PART + part])),
      };
      store.put(current);
      for (const id of stored) if (id.startsWith(PART) && !named.has(id)) store.delete(id);
    };
    await finished;
  } finally {
    db.close();
  }
}

export async function loadSnapshot(): Promise<Snapshot | null> {
  const db = await open();
  try {
    const tx = db.transaction(STORE, 'readonly');
    const finished = done(tx);
    const store = tx.objectStore(STORE);
    let snapshot: Snapshot | null = null;
    const request = store.get('current');
    request.onsuccess = () => {
      const current = request.result as CurrentRecord | undefined;
      if (!current) return;
      if (current.bytes) {
        snapshot = { kind: 'zip', revision: current.revision, bytes: current.bytes };
        return;
      }
      const files = new Map<string, Blob>();
      snapshot = { kind: 'parts', revision: current.revision, manifestJson: current.manifest ?? '', files };
      // A part missing here makes opening the snapshot fail by name (openParts).
      for (const [file, id] of Object.entries(current.parts ?? {})) {
        const part = store.get(id);
        part.onsuccess = () => {
          const blob = (part.result as { blob?: Blob } | undefined)?.blob;
          if (blob) files.set(file, blob);
        };
      }
    };
    await finished;
    return snapshot;
  } finally {
    db.close();
  }
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
