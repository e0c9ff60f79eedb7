/** Puts an autosaved snapshot back into the database through the project store. */
import type { Snapshot } from '../persist/autosave';
import type { OpenedProject, ProjectStore } from './projectStore';

/** The manifest with its state checked; `problems` names what was reset (store 'snapshot'). */
export async function openSnapshot(store: ProjectStore, snapshot: Snapshot): Promise<OpenedProject> {
  if (snapshot.kind === 'zip') return store.open(new Uint8Array(await snapshot.bytes.arrayBuffer()), 'autosave', 'snapshot');
  const files = new Map<string, Uint8Array>();
  for (const [file, blob] of snapshot.files) files.set(file, new Uint8Array(await blob.arrayBuffer()));
  return store.openParts(snapshot.manifestJson, files, 'autosave', 'snapshot');
}
