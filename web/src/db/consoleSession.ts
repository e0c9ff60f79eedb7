/**
 * One DuckDB connection as the SQL console uses it (sql/sqlGuard.ts), held for the whole run so
 * that a statement and its checks share one transaction: AtlasDb gives it in the browser,
 * scripts/lib/wasmDuckDbNode.ts over the same engine in Node.
 */
import type { Table } from 'apache-arrow';

export interface EngineTokens {
  /** Byte offsets into the UTF-8 text, one per token. */
  offsets: number[];
  /** DuckDB's token types: 0 identifier, 1 number, 2 string, 3 operator, 4 keyword, 5 comment. */
  types: number[];
}

export interface ConsoleSession {
  /** DuckDB's tokenizer (the scanner its parser uses). */
  tokenize(text: string): Promise<EngineTokens>;
  /** Prepares `sql` (parse and bind, nothing runs) and closes it; throws DuckDB's error. */
  prepare(sql: string): Promise<void>;
  /** Runs `sql` as a prepared statement (so it is one statement) and gives its rows. */
  preparedRows(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs the console's own SQL (transactions, catalogue snapshots). */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /** Runs the user's statement (cancellable where the engine allows) and gives its result. */
  execute(sql: string): Promise<Table>;
}
