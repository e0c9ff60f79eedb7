/**
 * Keeps every confirmed import (the file's bytes and the plan) in the browser's IndexedDB, so the
 * tables can be rebuilt after a reload by replaying the imports in order on top of the shipped
 * data. Replaying is deterministic (the driver-id salt is kept too). Nothing leaves the browser.
 */
import type { ImportPlan } from '../ingest/importPlan';
import type { EncodingGuess } from '../ingest/textEncoding';

export interface LoggedImport {
  id: number;
  savedAt: string;
  plan: ImportPlan;
  encoding: EncodingGuess;
  bytes: Blob;
}

const DB_NAME = 'outreach-atlas';
const STORE = 'imports';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = work(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

/** Logs an import and returns its id (ids only grow, even across clears). */
export async function logImport(plan: ImportPlan, encoding: EncodingGuess, bytes: Blob): Promise<number> {
  const entry = { savedAt: new Date().toISOString(), plan, encoding, bytes };
  // A replacing import makes the earlier imports into the same table irrelevant.
  if (plan.mode === 'replace') {
    for (const old of await listImports()) if (old.plan.kind === plan.kind) await transact('readwrite', (store) => store.delete(old.id));
  }
  return Number(await transact('readwrite', (store) => store.add(entry)));
}

export function listImports(): Promise<LoggedImport[]> {
  return transact('readonly', (store) => store.getAll() as IDBRequest<LoggedImport[]>).then((all) => all.sort((a, b) => a.id - b.id));
}

export function clearImports(): Promise<unknown> {
  return transact('readwrite', (store) => store.clear());
}

/** The id of the newest logged import (0 when none): what an autosave snapshot already holds. */
export async function latestImportId(): Promise<number> {
  const all = await listImports();
  return all.length ? all[all.length - 1].id : 0;
}

/** Drops the imports a saved snapshot already holds; newer ones stay to be replayed on top of it. */
export async function dropImportsThrough(id: number): Promise<void> {
  if (id <= 0) return;
  await transact('readwrite', (store) => store.delete(IDBKeyRange.upperBound(id)));
}
