import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { readXlsxSheet } from '../../../web/src/ingest/xlsxSheets';
import { writeXlsx } from '../../../web/src/export/xlsxWriter';
import { planFromGuess } from '../../../web/src/ingest/importPlan';
import { prepareImport } from '../../../web/src/ingest/prepareImport';
import { runImport, csvBytesInput } from '../../../web/src/ingest/runImport';
import { openWasmSqlRunner } from '../wasmDuckDb';

/** A workbook shaped like Excel's own output: shared strings (one rich text), styles with a date format, gaps. */
function excelLikeWorkbook(): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'xl/workbook.xml': strToU8(`<workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="定位" sheetId="2" r:id="rId2"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<Relationships><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`),
    'xl/sharedStrings.xml': strToU8(`<sst><si><t>车牌号</t></si><si><t>定位时间</t></si><si><t>经度</t></si><si><t>纬度</t></si><si><r><t>粤A</t></r><r><rPr/><t>·12345</t></r></si><si><t>A &amp; "B", C</t></si></sst>`),
    'xl/styles.xml': strToU8(`<styleSheet><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d\\ h:mm"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="164"/></cellXfs></styleSheet>`),
    'xl/worksheets/sheet1.xml': strToU8(`<worksheet><sheetData><row r="1"></row><row r="2"><c r="A2" s="0"/></row></sheetData></worksheet>`),
    'xl/worksheets/sheet2.xml': strToU8(`<worksheet><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>备注</t></is></c></row>
      <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" s="1"><v>46343.3333333333</v></c><c r="C2"><v>113.3245</v></c><c r="D2"><v>23.1291</v></c><c r="E2" t="s"><v>5</v></c></row>
      <row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" s="2"><v>46343.5</v></c><c r="C3"><v>113.33</v></c><c r="D3"><v>23.13</v></c></row>
      <row r="4"><c r="A4" s="0"/></row>
    </sheetData></worksheet>`),
  });
}

describe('Excel workbooks', () => {
  it('reads the first sheet with data: shared and rich strings, dates by format, gaps, escapes', () => {
    const sheet = readXlsxSheet('定位.xlsx', excelLikeWorkbook());
    expect(sheet.sheetNames).toEqual(['说明', '定位']);
    expect(sheet.sheet).toBe('定位');
    expect(sheet.csv.split('\n')).toEqual([
      '车牌号,定位时间,经度,纬度,备注',
      '粤A·12345,2026-11-17 08:00:00,113.3245,23.1291,"A & ""B"", C"',
      '粤A·12345,2026-11-17 12:00:00,113.33,23.13,',
      '',
    ]);
    expect(sheet.rows).toBe(3);
  });

  it('reads a chosen sheet, and round-trips our own writer', () => {
    const bytes = writeXlsx([{ name: 'a', rows: [['x', 'y'], [1, 'two']] }, { name: 'b', rows: [['only'], [true]] }]);
    expect(readXlsxSheet('w.xlsx', bytes).csv).toBe('x,y\n1,two\n');
    expect(readXlsxSheet('w.xlsx', bytes, 'b').csv).toBe('only\ntrue\n');
    expect(() => readXlsxSheet('w.xlsx', bytes, 'c')).toThrow('w.xlsx: no sheet "c" (the sheets are: a, b)');
  });

  it('passes over a one-column notes sheet to the first table, and falls back to the first sheet with data', () => {
    const notesFirst = writeXlsx([{ name: '说明', rows: [['坐标为高德坐标'], ['2026-11']] }, { name: '空', rows: [] }, { name: '站点', rows: [['名称', '经度', '纬度'], ['甲', 113.3, 23.1]] }]);
    const read = readXlsxSheet('n.xlsx', notesFirst);
    expect([read.sheet, read.csv]).toEqual(['站点', '名称,经度,纬度\n甲,113.3,23.1\n']);
    const onlyNotes = writeXlsx([{ name: '空', rows: [] }, { name: '说明', rows: [['只有一列']] }]);
    expect(readXlsxSheet('o.xlsx', onlyNotes).sheet).toBe('说明');
    expect(() => readXlsxSheet('e.xlsx', writeXlsx([{ name: '空', rows: [] }]))).toThrow('e.xlsx: the sheet "空" is empty');
  });

  it('says what is wrong with files that are not usable workbooks', () => {
    expect(() => readXlsxSheet('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).toThrow('old.xls: an old .xls or a password-protected workbook');
    expect(() => readXlsxSheet('x.xlsx', strToU8('name,lon\n'))).toThrow('x.xlsx: not an Excel .xlsx workbook (it is not a zip archive)');
    expect(() => readXlsxSheet('z.xlsx', zipSync({ 'a.txt': strToU8('hi') }))).toThrow('z.xlsx: not an Excel workbook (no xl/workbook.xml inside)');
  });

  it('imports through the app importer: Chinese headers, Excel dates as times', async () => {
    const { runner, conn } = await openWasmSqlRunner();
    const csv = strToU8(readXlsxSheet('定位.xlsx', excelLikeWorkbook()).csv);
    const prepared = prepareImport('定位.xlsx', csv);
    const plan = planFromGuess(prepared);
    expect(plan.kind).toBe('pings');
    const report = await runImport(runner, plan, csvBytesInput(csv, prepared.encoding), { salt: 's' });
    expect(report.accepted).toBe(2);
    expect(conn.query('SELECT hour::INTEGER AS h FROM pings ORDER BY ts').toArray().map((r) => r.h)).toEqual([8, 12]);
  });
});
