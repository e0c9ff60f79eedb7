/** The tables with row counts, and their columns and types; clicking a table drafts a query for it. */
import { useI18n } from './I18nProvider';
import type { SchemaTable } from '../sql/schemaQuery';

export function SchemaBrowser({ schema, onPick }: { schema: SchemaTable[]; onPick: (sql: string) => void }) {
  const { t } = useI18n();
  return (
    <details className="schema-browser" data-testid="schema-browser">
      <summary>{t('schemaBrowser', { n: schema.length })}</summary>
      <ul>
        {schema.map((table) => (
          <li key={table.name}>
            <details>
              <summary>
                <button type="button" className="link" onClick={() => onPick(`SELECT * FROM ${table.name} LIMIT 100`)} data-testid={`schema-table-${table.name}`}>
                  {table.name}
                </button>{' '}
                <span className="hint">{t('schemaRows', { n: table.rows.toLocaleString() })}</span>
              </summary>
              <ul className="schema-columns">
                {table.columns.map((c) => (
                  <li key={c.name}>
                    {c.name} <span className="hint">{c.type}</span>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </details>
  );
}
