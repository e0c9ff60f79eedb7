/**
 * The salt for hashing driver ids: random, made once per browser profile and kept locally, so the
 * same driver gets the same id across imports while the ids cannot be reversed elsewhere.
 */
export function importSalt(storage: Pick<Storage, 'getItem' | 'setItem'>, random: (bytes: Uint8Array) => Uint8Array): string {
  const existing = storage.getItem('atlas.driverIdSalt');
  if (existing) return existing;
  const salt = Array.from(random(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  storage.setItem('atlas.driverIdSalt', salt);
  return salt;
}
