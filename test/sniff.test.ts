import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { looksLikeText, sniffFormat, sniffOle, zipEntryNames } from '../extractors/sniff.js';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${path}`, import.meta.url)));

/** Deterministic pseudo-random bytes (xorshift), so a failure reproduces. */
function noise(length: number, seed: number, min = 0): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = min + ((x >>> 0) % (256 - min));
  }
  return out;
}

async function zip(files: Record<string, string>): Promise<Uint8Array> {
  const archive = new JSZip();
  for (const [name, content] of Object.entries(files)) archive.file(name, content);
  return archive.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('sniffFormat: content decides, not the name', () => {
  it('reads the corpus forms as what they are', () => {
    expect(sniffFormat(fixture('reports/jinkouhe-ybj-2025.docx'), 'x.docx')).toBe('docx');
    expect(sniffFormat(fixture('reports/jinkouhe-ybj-2025.pdf'), 'x.pdf')).toBe('pdf');
    expect(sniffFormat(fixture('reports/jinkouhe-ybj-2025.md'), 'x.md')).toBe('markdown');
    expect(sniffFormat(fixture('reports/jinkouhe-ybj-2025.md'), 'x.txt')).toBe('text');
    expect(sniffFormat(fixture('real/zwgk-annual-report-template.docx'), 'x.docx')).toBe('docx');
  });

  it('a .png holding JPEG bytes is an image', () => {
    const bytes = fixture('sniff/really-jpeg.png');
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(sniffFormat(bytes, 'scan.png')).toBe('image');
  });

  it('a .pdf that is an HTML page is html', () => {
    expect(sniffFormat(fixture('sniff/really-html.pdf'), 'report.pdf')).toBe('html');
  });

  it('HTML that mentions %PDF- in its text is still html', () => {
    const bytes = new TextEncoder().encode('<html><body><p>文件头应为 %PDF-1.7</p></body></html>');
    expect(sniffFormat(bytes, 'x.pdf')).toBe('html');
  });

  it('a PDF with junk before %PDF- is a pdf', () => {
    const pdf = fixture('reports/jinkouhe-ybj-2025.pdf');
    const bytes = new Uint8Array(pdf.length + 3);
    bytes.set([0xef, 0xbb, 0xbf]);
    bytes.set(pdf, 3);
    expect(sniffFormat(bytes, 'x.bin')).toBe('pdf');
  });

  it('a docx named .pdf goes to the Word reader, a pdf named .docx to the PDF reader', () => {
    expect(sniffFormat(fixture('reports/jinkouhe-ybj-2025.docx'), 'report.pdf')).toBe('docx');
    expect(sniffFormat(fixture('reports/jinkouhe-ybj-2025.pdf'), 'report.docx')).toBe('pdf');
  });

  it('a .md of binary garbage is binary, with or without NUL bytes', () => {
    expect(sniffFormat(noise(4096, 7), 'notes.md')).toBe('binary');
    // Only bytes >= 0x80: no NULs, no control characters; still not GBK text.
    expect(sniffFormat(noise(4096, 11, 0x80), 'notes.md')).toBe('binary');
  });

  it('a zero-byte file is empty', () => {
    expect(sniffFormat(new Uint8Array(0), 'report.pdf')).toBe('empty');
  });

  it('GBK-encoded Chinese text is text, not binary', () => {
    const text = new TextDecoder().decode(fixture('reports/jinkouhe-ybj-2025.md')).slice(0, 3000);
    const gbk = new Uint8Array(iconv.encode(text, 'gbk'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(looksLikeText(gbk)).toBe(true);
    expect(sniffFormat(gbk, 'report.txt')).toBe('text');
    // Longer than the 8 KiB sample, cut in the middle of a character.
    const long = new Uint8Array(iconv.encode(new TextDecoder().decode(fixture('reports/jinkouhe-ybj-2025.md')), 'gb18030'));
    expect(long.length).toBeGreaterThan(8192);
    expect(sniffFormat(long, 'report.txt')).toBe('text');
  });

  it('UTF-16 text with a byte-order mark is text', () => {
    const text = '2025年财政拨款收入358.84万元。\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text.repeat(20), 'utf16le')]);
    expect(sniffFormat(bytes, 'report.txt')).toBe('text');
  });

  it('a ZIP that is not Word is zip, even with a folder named word/', async () => {
    expect(sniffFormat(await zip({ 'a.txt': 'hello', 'b/c.csv': '1,2' }), 'report.docx')).toBe('zip');
    expect(sniffFormat(await zip({ 'word/报告.txt': '358.84', 'word/notes.txt': 'x' }), 'report.docx')).toBe('zip');
  });

  it('an xlsx is xlsx', async () => {
    const bytes = await zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' });
    expect(sniffFormat(bytes, 'book.zip')).toBe('xlsx');
  });

  it('a truncated docx is still a docx (its reader then says it is damaged)', () => {
    const docx = fixture('reports/jinkouhe-ybj-2025.docx');
    const cut = docx.subarray(0, Math.floor(docx.length / 2));
    const { names, complete } = zipEntryNames(cut);
    expect(complete).toBe(false);
    expect(names).toContain('word/document.xml');
    expect(names).not.toContain('[Content_Types].xml');
    expect(sniffFormat(cut, 'report.docx')).toBe('docx');
    // Cut inside the first entry: only its name is left.
    expect(zipEntryNames(docx.subarray(0, 200)).names).toEqual(['word/_rels/document.xml.rels']);
    expect(sniffFormat(docx.subarray(0, 200), 'report.bin')).toBe('docx');
    // Cut inside the first header: the extension is all that is left.
    expect(sniffFormat(docx.subarray(0, 20), 'report.docx')).toBe('docx');
    expect(sniffFormat(docx.subarray(0, 20), 'archive.zip')).toBe('zip');
  });

  it('reads ZIP entry names from the central directory', () => {
    const { names, complete } = zipEntryNames(fixture('reports/jinkouhe-ybj-2025.docx'));
    expect(complete).toBe(true);
    expect(names).toContain('word/document.xml');
    expect(names).toContain('word/footer1.xml');
  });

  it('OLE2 and RTF files are legacy Office documents', () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set(Buffer.from('WordDocument', 'utf16le'), 1024);
    expect(sniffFormat(ole, 'report.wps')).toBe('ole');
    expect(sniffOle(ole)).toBe('doc');
    const rtf = new TextEncoder().encode('{\\rtf1\\ansi\\deff0 {\\fonttbl{\\f0 SimSun;}} 358.84}');
    expect(sniffFormat(rtf, 'report.doc')).toBe('ole');
    expect(sniffOle(rtf)).toBe('rtf');
  });

  it('Office documents saved as text or as OpenDocument need converting', () => {
    const mht = new TextEncoder().encode('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>1</p>\r\n--b--');
    expect([sniffFormat(mht, 'report.doc'), sniffOle(mht)]).toEqual(['ole', 'mht']);
    const wordml = new TextEncoder().encode('<?xml version="1.0"?>\n<?mso-application progid="Word.Document"?>\n<w:wordDocument xmlns:w="x"/>');
    expect([sniffFormat(wordml, 'report.xml'), sniffOle(wordml)]).toEqual(['ole', 'wordml']);
    const xmlss = new TextEncoder().encode('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>');
    expect([sniffFormat(xmlss, 'report.xls'), sniffOle(xmlss)]).toEqual(['ole', 'xmlss']);
    // Plain XML and plain e-mail-like text are not.
    expect(sniffFormat(new TextEncoder().encode('<?xml version="1.0"?><data>358.84</data>'), 'x.xml')).toBe('text');
    expect(sniffFormat(new TextEncoder().encode('Subject: 2025 年报告\n\n支出 358.84 万元'), 'x.txt')).toBe('text');
  });

  it('BMP is recognised by its header, not its name', () => {
    const bmp = new Uint8Array(70);
    bmp.set([0x42, 0x4d]);
    new DataView(bmp.buffer).setUint32(2, 70, true);
    new DataView(bmp.buffer).setUint32(14, 40, true);
    expect(sniffFormat(bmp, 'scan.dat')).toBe('image');
    // Text that happens to start with "BM" is not a bitmap.
    expect(sniffFormat(new TextEncoder().encode('BM 2025 年度报告，支出 358.84 万元。'), 'notes.txt')).toBe('text');
  });
});
