/**
 * Works out how a text file is encoded. Excel on Chinese Windows saves CSV as GBK/GB18030, other
 * tools as UTF-8 with or without a byte-order mark; binary files dropped by mistake must be refused
 * with a reason rather than loaded as garbage.
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface EncodingGuess {
  encoding: TextEncodingName;
  /** Bytes to skip at the start (a byte-order mark). */
  bomLength: number;
}

export class NotTextError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotTextError';
  }
}

/** Guesses from the first bytes (a few hundred KB is plenty). Throws NotTextError for binary data. */
export function detectEncoding(head: Uint8Array): EncodingGuess {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b === 0) throw new NotTextError(`byte ${i} is NUL: this is a binary file, not text`);
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) controls++;
  }
  if (head.length > 0 && controls / head.length > 0.01) throw new NotTextError(`${controls} control bytes in the first ${head.length}: this is a binary file, not text`);
  // Valid UTF-8 (allowing a multi-byte character cut at the end of the sample) wins; otherwise
  // GB18030, a superset of GBK and GB2312 that decodes any byte sequence Excel writes.
  const cut = trailingIncompleteUtf8(head);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { encoding: 'gb18030', bomLength: 0 };
  }
}

/** How many bytes at the end belong to a UTF-8 sequence the sample cut in half. */
function trailingIncompleteUtf8(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const b = bytes[bytes.length - back];
    if ((b & 0xc0) !== 0x80) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return need > back ? back : 0;
    }
  }
  return 0;
}

export function decodeText(bytes: Uint8Array, guess: EncodingGuess): string {
  return new TextDecoder(guess.encoding).decode(bytes.subarray(guess.bomLength));
}
