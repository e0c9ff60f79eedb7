/** Puts an autosaved snapshot back into the database through the project store. */
import type { ProjectManifest } from '../project/projectFile';
import type { ProjectState } from '../project/projectState';
import type { ProjectStore } from '../project/projectStore';
import type { Snapshot } from './autosave';

export async function openSnapshot(store: ProjectStore, snapshot: Snapshot): Promise<ProjectManifest<ProjectState>> {
  if (snapshot.kind === 'zip') return store.open(new Uint8Array(await snapshot.bytes.arrayBuffer()), 'autosave');
  const files = new Map<string, Uint8Array>();
  for (const [file, blob] of snapshot.files) files.set(file, new Uint8Array(await blob.arrayBuffer()));
  return store.openParts(snapshot.manifestJson, files, 'autosave');
}
