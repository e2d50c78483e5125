/**
 * Decide a file's format from its bytes, not its name (a `.png` holding JPEG, a `.pdf` that is
 * HTML, a `.doc` that is RTF or HTML, a `.md` of binary garbage). The name only breaks ties
 * that the bytes cannot (a truncated Office file whose table of contents is gone).
 */

export type SniffedFormat =
  | 'pdf'
  | 'docx'
  | 'xlsx'
  /**
   * An Office document that needs converting before it can be read: an OLE2 compound file
   * (.doc, .xls, .wps, .et, or a password-protected .docx/.xlsx), RTF, Word/Excel 2003 XML,
   * an MHT web archive (Word's "single file web page", often named .doc), or OpenDocument.
   * `sniffOle` tells which; extractors/convert.ts reads them (workbooks through spreadsheet.ts,
   * without LibreOffice).
   */
  | 'ole'
  | 'image'
  | 'html'
  | 'markdown'
  | 'text'
  | 'zip'
  | 'empty'
  | 'binary';

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

function latin1(bytes: Uint8Array, from: number, to: number): string {
  const end = Math.min(to, bytes.length);
  if (end <= from) return '';
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, end - from).toString('latin1');
}

function u16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u32(bytes: Uint8Array, at: number): number {
  return (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;
}

/**
 * Entry names of a ZIP archive: from the central directory when the end record is there, else
 * (a truncated file) from the local headers that survive.
 */
export function zipEntryNames(bytes: Uint8Array): { names: string[]; complete: boolean } {
  // End of central directory: PK\5\6, within the last 64 KiB + 22 bytes.
  const floor = Math.max(0, bytes.length - 65_557);
  for (let at = bytes.length - 22; at >= floor; at--) {
    if (bytes[at] !== 0x50 || bytes[at + 1] !== 0x4b || bytes[at + 2] !== 0x05 || bytes[at + 3] !== 0x06) continue;
    const count = u16(bytes, at + 10);
    let offset = u32(bytes, at + 16);
    const names: string[] = [];
    for (let i = 0; i < count && offset + 46 <= bytes.length; i++) {
      if (u32(bytes, offset) !== 0x02014b50) break;
      const nameLength = u16(bytes, offset + 28);
      const extraLength = u16(bytes, offset + 30);
      const commentLength = u16(bytes, offset + 32);
      names.push(Buffer.from(bytes.subarray(offset + 46, offset + 46 + nameLength)).toString('utf8'));
      offset += 46 + nameLength + extraLength + commentLength;
    }
    if (names.length > 0) return { names, complete: true };
  }
  // No usable central directory: walk the local file headers (PK\3\4) of the first MiB.
  const names: string[] = [];
  const limit = Math.min(bytes.length, 1 << 20);
  for (let at = 0; at + 30 <= limit; at++) {
    if (bytes[at] !== 0x50 || bytes[at + 1] !== 0x4b || bytes[at + 2] !== 0x03 || bytes[at + 3] !== 0x04) continue;
    const nameLength = u16(bytes, at + 26);
    if (nameLength === 0 || nameLength > 512 || at + 30 + nameLength > bytes.length) continue;
    names.push(Buffer.from(bytes.subarray(at + 30, at + 30 + nameLength)).toString('utf8'));
    at += 29 + nameLength;
  }
  return { names, complete: false };
}

function sniffZip(bytes: Uint8Array, path: string): SniffedFormat {
  const { names, complete } = zipEntryNames(bytes);
  const ooxml = names.includes('[Content_Types].xml');
  // A truncated archive shows only its first entries; Word parts among them are enough.
  const partial = ooxml || !complete;
  if (names.includes('word/document.xml') || (partial && names.some((name) => name.startsWith('word/')))) return 'docx';
  if (names.includes('xl/workbook.xml') || (partial && names.some((name) => name.startsWith('xl/')))) return 'xlsx';
  if (isOpenDocument(bytes)) return 'ole';
  // A truncated Office package whose parts were cut off: the extension is all that is left.
  if (!complete && (ooxml || names.length === 0)) {
    if (/\.docx$/i.test(path)) return 'docx';
    if (/\.xlsx$/i.test(path)) return 'xlsx';
  }
  return 'zip';
}

const UTF16_NAME = (name: string) => Buffer.from(name, 'utf16le').toString('latin1');

/** An OpenDocument package: its first entry is the uncompressed `mimetype`. */
function openDocumentType(bytes: Uint8Array): 'odt' | 'ods' | undefined {
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || latin1(bytes, 30, 38) !== 'mimetype') return undefined;
  const mime = latin1(bytes, 38, 38 + 60);
  if (mime.startsWith('application/vnd.oasis.opendocument.text')) return 'odt';
  if (mime.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  return undefined;
}

function isOpenDocument(bytes: Uint8Array): boolean {
  return openDocumentType(bytes) !== undefined;
}

type MarkupKind = 'mht' | 'wordml' | 'xmlss';

/** Office documents saved as text: MHT web archives and Word/Excel 2003 XML. */
function officeMarkup(bytes: Uint8Array): MarkupKind | undefined {
  const head = latin1(bytes, 0, 4096).replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/^\s*(?:From|MIME-Version|Content-Type|Subject|Date|X-[\w-]+|Content-Location|Message-ID):/i.test(head) && /Content-Type:\s*multipart\/related/i.test(head)) {
    return 'mht';
  }
  if (/^\s*<\?xml/.test(head)) {
    if (/<\?mso-application\s+progid="Word\.Document"|<w:wordDocument[\s>]/.test(head)) return 'wordml';
    if (/<\?mso-application\s+progid="Excel\.Sheet"|<(?:ss:)?Workbook[^>]*urn:schemas-microsoft-com:office:spreadsheet/.test(head)) return 'xmlss';
  }
  return undefined;
}

export type OleKind = 'doc' | 'xls' | 'wps' | 'ppt' | 'encrypted' | 'rtf' | 'mht' | 'wordml' | 'xmlss' | 'odt' | 'ods' | 'unknown';

/**
 * Which document an `ole` file is, from the stream names in its OLE directory (UTF-16), the
 * RTF signature, the markup of Office XML and MHT, or the OpenDocument mimetype: decides how
 * extractors/convert.ts reads it.
 */
export function sniffOle(bytes: Uint8Array): OleKind {
  if (latin1(bytes, 0, 5) === '{\\rtf') return 'rtf';
  const markup = officeMarkup(bytes);
  if (markup) return markup;
  const odf = openDocumentType(bytes);
  if (odf) return odf;
  const all = latin1(bytes, 0, bytes.length);
  if (all.includes(UTF16_NAME('EncryptedPackage'))) return 'encrypted';
  if (all.includes(UTF16_NAME('WordDocument'))) return 'doc';
  if (all.includes(UTF16_NAME('Workbook')) || all.includes(UTF16_NAME('Book'))) return 'xls';
  if (all.includes(UTF16_NAME('WpsContent')) || all.includes(UTF16_NAME('WPS'))) return 'wps';
  if (all.includes(UTF16_NAME('PowerPoint Document'))) return 'ppt';
  return 'unknown';
}

function isBmp(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x42, 0x4d]) || bytes.length < 26) return false;
  const declared = u32(bytes, 2);
  const dibHeader = u32(bytes, 14);
  const reservedZero = u32(bytes, 6) === 0;
  return reservedZero && [12, 40, 52, 56, 64, 108, 124].includes(dibHeader) && declared >= 26 && declared <= bytes.length + 1024;
}

function isImage(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || // TIFF little-endian
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || // TIFF big-endian
    isBmp(bytes) ||
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && latin1(bytes, 8, 12) === 'WEBP') ||
    latin1(bytes, 0, 6) === 'GIF87a' ||
    latin1(bytes, 0, 6) === 'GIF89a'
  );
}

const HTML_START = /^(?:\s|<!--[\s\S]*?-->)*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*(?:<!doctype\s+html|<html[\s>])|<head[\s>]|<body[\s>]|<meta[\s>]|<table[\s>])/;

export function sniffFormat(bytes: Uint8Array, path: string): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  const head = latin1(bytes, 0, 1024);
  // %PDF may be preceded by junk (readers accept it within the first KiB), but not by markup.
  const pdfAt = head.indexOf('%PDF-');
  if (pdfAt === 0 || (pdfAt > 0 && !/<(?:!doctype|html|body|p|div)[\s>]/i.test(head.slice(0, pdfAt)))) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes, path);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (head.startsWith('{\\rtf') || officeMarkup(bytes)) return 'ole';
  if (isImage(bytes)) return 'image';
  if (!looksLikeText(bytes)) return 'binary';
  const start = textHead(bytes).toLowerCase();
  if (HTML_START.test(start) || /\.html?$/i.test(path)) return 'html';
  if (/\.(md|markdown)$/i.test(path)) return 'markdown';
  return 'text';
}

/** The first 4 KiB as text, for markup checks (ASCII survives any of our encodings). */
function textHead(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, 4096);
  if (startsWith(sample, [0xff, 0xfe])) return Buffer.from(sample.subarray(2)).toString('utf16le');
  if (startsWith(sample, [0xfe, 0xff])) return Buffer.from(sample.subarray(2)).swap16().toString('utf16le');
  return Buffer.from(sample).toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * Text in UTF-8 or GB18030 has no NUL bytes and few control characters; anything else is binary.
 * (UTF-16 text with a byte-order mark counts as text.)
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / Math.max(1, sample.length) > 0.02;
}

/** Valid UTF-8 (a character cut at the end of the sample is allowed). */
function isUtf8(sample: Uint8Array, truncated: boolean): boolean {
  let i = 0;
  while (i < sample.length) {
    const b = sample[i] ?? 0;
    let extra: number;
    if (b < 0x80) extra = 0;
    else if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return false;
    if (i + extra >= sample.length) return truncated;
    for (let k = 1; k <= extra; k++) {
      const c = sample[i + k] ?? 0;
      if (c < 0x80 || c > 0xbf) return false;
    }
    i += extra + 1;
  }
  return true;
}

/**
 * Plausible GBK/GB18030 Chinese text: the multi-byte sequences are well formed and most are
 * common characters (GB2312 rows 0xA1–0xF7), which random bytes are not (about a quarter).
 */
function isGbText(sample: Uint8Array): boolean {
  let chars = 0;
  let common = 0;
  let bad = 0;
  let i = 0;
  while (i < sample.length) {
    const b = sample[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) {
      bad++;
      i++;
      continue;
    }
    if (i + 1 >= sample.length) break;
    const b2 = sample[i + 1] ?? 0;
    if (b2 >= 0x30 && b2 <= 0x39) {
      // Four-byte GB18030 sequence.
      if (i + 3 >= sample.length) break;
      const b3 = sample[i + 2] ?? 0;
      const b4 = sample[i + 3] ?? 0;
      if (b3 >= 0x81 && b3 <= 0xfe && b4 >= 0x30 && b4 <= 0x39) {
        chars++;
        i += 4;
      } else {
        bad++;
        i++;
      }
      continue;
    }
    if (b2 >= 0x40 && b2 <= 0xfe && b2 !== 0x7f) {
      chars++;
      if (b >= 0xa1 && b <= 0xf7 && b2 >= 0xa1) common++;
      i += 2;
    } else {
      bad++;
      i++;
    }
  }
  if (chars === 0) return bad === 0;
  return bad / (chars + bad) < 0.01 && common / chars >= 0.5;
}

/** Text (UTF-8, GBK/GB18030 or UTF-16 with a BOM), as opposed to binary data. */
export function looksLikeText(bytes: Uint8Array): boolean {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    // UTF-16 with BOM: NULs are expected; check the decoded text instead.
    const text = textHead(bytes);
    let control = 0;
    for (const char of text) {
      const code = char.charCodeAt(0);
      if (code < 0x09 || (code > 0x0d && code < 0x20)) control++;
    }
    return control / Math.max(1, text.length) <= 0.02;
  }
  if (looksBinary(bytes)) return false;
  const truncated = bytes.length > 8192;
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  return isUtf8(sample, truncated) || isGbText(sample);
}
