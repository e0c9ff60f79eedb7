/**
 * Autosave and project files in the app. A change to the working state or the data schedules an
 * autosave (debounced); saves never overlap, and one that finds nothing changed writes nothing.
 * After a snapshot is safely stored, the import log entries it holds are dropped.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AtlasDb } from '../db/atlasDb';
import { decodeParquet, encodeParquet } from '../db/parquetDecoder';
import { saveSnapshot } from '../persist/autosave';
import { dropImportsThrough } from '../persist/importLog';
import { changeMark, type LiveProjectInputs } from './liveInputs';
import { ProjectStore, type ParquetCodec } from './projectStore';
import type { ProjectManifest } from './projectFile';
import type { ProjectState } from './projectState';

export const parquetCodec: ParquetCodec = {
  encode: encodeParquet,
  decode: async (bytes) => (await decodeParquet(bytes.slice().buffer)).ipc,
};

export interface AutosaveStatus {
  phase: 'idle' | 'saving' | 'saved' | 'error';
  /** The revision of the last snapshot stored (or restored). */
  revision: number;
  restoredRevision: number | null;
  savedAt: string | null;
  error: string | null;
}

const AUTOSAVE_DELAY_MS = 800;

const RETRY_MS = 400;

export function useProject(db: AtlasDb | null, ready: boolean, state: ProjectState, dataVersion: number, inputs: LiveProjectInputs) {
  const store = useMemo(() => (db ? new ProjectStore(db, parquetCodec) : null), [db]);
  const [status, setStatus] = useState<AutosaveStatus>({ phase: 'idle', revision: 0, restoredRevision: null, savedAt: null, error: null });
  const revision = useRef(0);
  const lastKey = useRef<string | null>(null);
  const saving = useRef(false);
  const again = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  const inputsRef = useRef(inputs);
  inputsRef.current = inputs;
  const stateJson = JSON.stringify(state);

  const autosave = useCallback(async () => {
    if (!store) return;
    if (saving.current) {
      again.current = true;
      return;
    }
    saving.current = true;
    try {
      do {
        again.current = false;
        const { live, busy, versionOf } = inputsRef.current;
        if (busy()) {
          setTimeout(() => void autosave(), RETRY_MS);
          break;
        }
        const markBefore = changeMark({ live, versionOf });
        const current = { ...stateRef.current, ...live() };
        setStatus((s) => ({ ...s, phase: 'saving' }));
        const project = await store.buildParts(current, revision.current + 1, versionOf);
        if (busy() || changeMark({ live, versionOf }) !== markBefore) {
          again.current = true;
          continue;
        }
        const fullKey = `${project.key}|${JSON.stringify(current)}`;
        if (fullKey !== lastKey.current) {
          await saveSnapshot(project, revision.current + 1);
          revision.current += 1;
          lastKey.current = fullKey;
          await dropImportsThrough(current.importsThrough);
        }
        setStatus((s) => ({ ...s, phase: 'saved', revision: revision.current, savedAt: new Date().toISOString(), error: null }));
      } while (again.current);
    } catch (error) {
      setStatus((s) => ({ ...s, phase: 'error', error: error instanceof Error ? error.message : String(error) }));
    } finally {
      saving.current = false;
    }
  }, [store]);

  useEffect(() => {
    if (!ready || !store) return;
    const timer = setTimeout(() => void autosave(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [ready, store, stateJson, dataVersion, autosave]);

  /** After a snapshot or a project file is loaded: continue its revision count. */
  const restored = useCallback((manifest: ProjectManifest<ProjectState>) => {
    revision.current = manifest.revision;
    lastKey.current = null;
    setStatus((s) => ({ ...s, phase: 'idle', revision: manifest.revision, restoredRevision: manifest.revision }));
  }, []);

  const buildFile = useCallback(async () => {
    if (!store) throw new Error('the database is not ready');
    const { live, versionOf } = inputsRef.current;
    return (await store.build({ ...stateRef.current, ...live() }, revision.current, versionOf)).bytes;
  }, [store]);

  const openFile = useCallback(
    async (file: File) => {
      if (!store) throw new Error('the database is not ready');
      const manifest = await store.open(new Uint8Array(await file.arrayBuffer()), file.name);
      restored(manifest);
      return manifest;
    },
    [store, restored],
  );

  return { status, store, restored, buildFile, openFile };
}
