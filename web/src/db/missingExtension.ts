/**
 * DuckDB-WASM would download extensions (parquet, json, spatial, …) from the network at run time.
 * This offline app turns that off, so such a query fails; this turns DuckDB's catalog error into
 * a message that says which extension is missing and what to do instead.
 */
const ALTERNATIVES: Record<string, string> = {
  parquet: 'Parquet files are read by the app itself (parquet-wasm) when you import them; query the loaded table instead.',
  json: 'JSON and GeoJSON files are parsed by the app when you import them; query the loaded table instead.',
  spatial: 'Spatial work (distances, point-in-polygon, buffers) runs in the app\'s TypeScript modules; in SQL use lon/lat arithmetic.',
  icu: 'Time zones are not available; timestamps are local time (UTC+8) already.',
};

export class MissingExtensionError extends Error {
  readonly extension: string;
  constructor(extension: string, original: string) {
    const alternative = ALTERNATIVES[extension] ?? '';
    super(`This query needs DuckDB's "${extension}" extension, which the offline app does not download. ${alternative}\n(DuckDB: ${original})`);
    this.name = 'MissingExtensionError';
    this.extension = extension;
  }
}

/** The extension a DuckDB error message says is missing, or null. */
export function missingExtensionIn(message: string): string | null {
  const patterns = [
    /exists in the (\w+) extension/i,
    /extension "?(\w+)"? (?:is )?not (?:installed|loaded|found)/i,
    /(?:install|load) the (\w+) extension/i,
    /Extension "?(\w+)"? is not/i,
    /autoload(?:ing)? .*?"(\w+)"/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match) return match[1].toLowerCase();
  }
  return null;
}

export function explainDuckDbError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const extension = missingExtensionIn(message);
  if (extension) return new MissingExtensionError(extension, message);
  return error instanceof Error ? error : new Error(message);
}
