/**
 * Reads the head of a delimited text file: which delimiter, the header, and a preview of rows.
 * Quote-aware (RFC 4180) so "广州市, 白云区" stays one field. Only the head is parsed here; DuckDB
 * reads the whole file.
 */
export interface CsvPreview {
  delimiter: string;
  header: string[];
  rows: string[][];
}

const CANDIDATE_DELIMITERS = [',', '\t', ';', '|'];

/** Splits text into records of fields, honouring quotes; stops after `maxRecords`. */
export function parseDelimited(text: string, delimiter: string, maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"' && field === '') inQuotes = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if ((field !== '' || record.length > 0) && records.length < maxRecords) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

/** Picks the delimiter that gives the most columns consistently across the first lines. */
export function detectDelimiter(head: string): string {
  let best = ',';
  let bestScore = -1;
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const records = parseDelimited(head, delimiter, 30);
    if (records.length === 0) continue;
    const width = records[0].length;
    if (width < 2) continue;
    const consistent = records.filter((r) => r.length === width).length / records.length;
    const score = consistent * width;
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}

/** The last complete line break in `text`, so a preview never ends mid-record. */
function completeLines(text: string): string {
  const end = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r'));
  return end > 0 ? text.slice(0, end) : text;
}

export function previewCsv(headText: string, previewRows = 20, isWholeFile = false): CsvPreview {
  const text = isWholeFile ? headText : completeLines(headText);
  const delimiter = detectDelimiter(text);
  const records = parseDelimited(text, delimiter, previewRows + 1);
  const header = (records[0] ?? []).map((h) => h.trim());
  return { delimiter, header, rows: records.slice(1) };
}
