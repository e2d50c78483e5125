/** Decide a file's format from its bytes, not its name (a `.png` holding JPEG, a `.pdf` that is HTML). */

export type SniffedFormat =
  | 'pdf'
  | 'docx'
  | 'xlsx'
  | 'ole' // .doc / .xls / .wps (OLE2 compound file)
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
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString('latin1');
}

export function sniffFormat(bytes: Uint8Array, path: string): SniffedFormat {
  if (bytes.length === 0) return 'empty';
  // %PDF may be preceded by junk; readers accept it within the first KiB.
  if (latin1(bytes, 0, 1024).includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = latin1(bytes, 0, Math.min(bytes.length, 64 * 1024));
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    // Central directory is at the end; check there too.
    const tail = latin1(bytes, Math.max(0, bytes.length - 64 * 1024), bytes.length);
    if (tail.includes('word/document.xml')) return 'docx';
    if (tail.includes('xl/workbook.xml')) return 'xlsx';
    return 'zip';
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || // PNG
    startsWith(bytes, [0xff, 0xd8, 0xff]) || // JPEG
    startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || // TIFF little-endian
    startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]) || // TIFF big-endian
    startsWith(bytes, [0x42, 0x4d]) && bytes.length > 54 && /\.bmp$/i.test(path) || // BMP (weak signature)
    (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && latin1(bytes, 8, 12) === 'WEBP') ||
    latin1(bytes, 0, 6) === 'GIF87a' ||
    latin1(bytes, 0, 6) === 'GIF89a'
  ) {
    return 'image';
  }
  if (looksBinary(bytes)) return 'binary';
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').toLowerCase();
  if (/^\s*(<!doctype html|<html|<\?xml[^>]*>\s*<html)/.test(head) || /\.html?$/i.test(path)) return 'html';
  if (/\.(md|markdown)$/i.test(path)) return 'markdown';
  return 'text';
}

/**
 * Text in UTF-8 or GB18030 has no NUL bytes and few control characters; anything else is binary.
 * (UTF-16 text files would fail this, and are rare among published reports.)
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
