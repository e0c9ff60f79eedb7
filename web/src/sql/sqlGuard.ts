/**
 * Keeps the analyst console from changing the base tables (the shipped and imported data) unless
 * the user unlocks them. Scratch tables and views are free. Works on DuckDB's SQL text with a small
 * tokenizer that skips strings, quoted identifiers and comments, so `SELECT 'drop table pings'`
 * passes and `/* x *\/ DROP TABLE pings` does not.
 */
export const BASE_TABLES = ['pings', 'heat_grid', 'stations', 'charging_stations'];

const WRITE_KEYWORDS = new Set(['insert', 'update', 'delete', 'drop', 'alter', 'truncate', 'create', 'copy', 'attach', 'detach', 'replace', 'merge']);

/** Lower-cased words and identifiers of the statement; strings and comments dropped. */
export function sqlWords(sql: string): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else if (c === "'") {
      i++;
      while (i < sql.length && !(sql[i] === "'" && sql[i + 1] !== "'")) i += sql[i] === "'" ? 2 : 1;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let name = '';
      while (j < sql.length && !(sql[j] === '"' && sql[j + 1] !== '"')) {
        name += sql[j];
        j += sql[j] === '"' ? 2 : 1;
      }
      words.push(name.toLowerCase());
      i = j + 1;
    } else if (/[A-Za-z_\u4e00-\u9fff]/.test(c)) {
      let j = i;
      while (j < sql.length && /[A-Za-z0-9_\u4e00-\u9fff]/.test(sql[j])) j++;
      words.push(sql.slice(i, j).toLowerCase());
      i = j;
    } else if (c === ';') {
      words.push(';');
      i++;
    } else i++;
  }
  return words;
}

/** null when allowed; otherwise why the statement is refused. */
export function refuseBaseTableWrite(sql: string, unlocked: boolean): string | null {
  if (unlocked) return null;
  const words = sqlWords(sql);
  // Split into statements and check each one that writes.
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && words[i] !== ';') continue;
    const statement = words.slice(start, i);
    start = i + 1;
    const writes = statement.find((w) => WRITE_KEYWORDS.has(w));
    if (!writes) continue;
    // CREATE TEMP/scratch objects are fine unless they replace or target a base table.
    const target = statement.find((w) => BASE_TABLES.includes(w));
    if (target && (writes !== 'create' || statement.includes('replace') || isCreateOf(statement, target))) {
      return `"${target}" is a base table and is read-only in the console (${writes.toUpperCase()}); unlock base tables to change it, or work on a copy: CREATE TABLE my_${target} AS SELECT * FROM ${target}`;
    }
  }
  return null;
}

/** CREATE … TABLE/VIEW <target> (as opposed to a CREATE that merely reads the target). */
function isCreateOf(statement: string[], target: string): boolean {
  const kind = statement.findIndex((w) => w === 'table' || w === 'view');
  if (kind < 0) return false;
  const name = statement.slice(kind + 1).find((w) => !['if', 'not', 'exists'].includes(w));
  return name === target || (name === 'main' && statement[kind + 2] === target);
}
