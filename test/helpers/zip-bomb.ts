/**
 * Decompression bombs built on the spot (a few KB each), for the tests and `npm run bench -- bombs`:
 * - `declaredBomb`: a .docx whose document part declares 4 GB in the central directory;
 * - `overlapBomb`: a .docx whose central directory lists one 1 MB run of zeros (1 KB deflated)
 *   under `copies` names, each declaring 1 KB (Fifield's overlapping-entry bomb): what the
 *   entries declare adds up to little, what they inflate to is `copies` MB.
 * - `pngClaiming`: a PNG whose header says width × height, a few hundred bytes;
 * - `hugeImagePdf`: a one-page PDF painting a 1-bit image of side × side pixels (50 KB for 20,000²).
 * Run as a script (`npx tsx test/helpers/zip-bomb.ts DIR`) it writes one of each into DIR.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, deflateSync } from 'node:zlib';

interface Part {
  name: string;
  data: Buffer;
  /** Deflated (8) or stored (0). */
  method: 0 | 8;
  /** The uncompressed size the headers state (default the true one). */
  declaredSize?: number;
  /** Points this central entry at another part's local header (an overlapping entry). */
  sameDataAs?: string;
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const DOCUMENT = '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>部门整体支出绩效自评报告</w:t></w:r></w:p></w:body></w:document>';

function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets = new Map<string, { offset: number; compressed: number; size: number }>();
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    if (part.sameDataAs) {
      const target = offsets.get(part.sameDataAs)!;
      central.push(centralHeader(name, part.method, target.compressed, part.declaredSize ?? target.size, target.offset));
      continue;
    }
    const body = part.method === 8 ? deflateRawSync(part.data) : part.data;
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(0, 14); // CRC not checked by the guard; readers never get this far
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(Math.min(size, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    offsets.set(part.name, { offset, compressed: body.length, size: part.data.length });
    central.push(centralHeader(name, part.method, body.length, size, offset));
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function centralHeader(name: Buffer, method: number, compressed: number, size: number, offset: number): Buffer {
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(20, 6);
  header.writeUInt16LE(0x0800, 8);
  header.writeUInt16LE(method, 10);
  header.writeUInt32LE(compressed, 20);
  header.writeUInt32LE(Math.min(size, 0xffffffff), 24);
  header.writeUInt16LE(name.length, 28);
  header.writeUInt32LE(offset, 42);
  return Buffer.concat([header, name]);
}

/** A .docx whose document part declares `declared` bytes (default 4 GB) and holds a few hundred. */
export function declaredBomb(declared = 4_000_000_000): Buffer {
  return zip([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES), method: 8 },
    { name: 'word/document.xml', data: Buffer.from(DOCUMENT), method: 8, declaredSize: declared },
  ]);
}

/** A .docx with `copies` entries sharing one deflated MB of zeros, each declaring 1 KB: inflates to `copies` MB. */
export function overlapBomb(copies = 250): Buffer {
  const parts: Part[] = [
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES), method: 8 },
    { name: 'word/document.xml', data: Buffer.from(DOCUMENT), method: 8 },
    { name: 'word/media/zeros-0.bin', data: Buffer.alloc(1_000_000), method: 8, declaredSize: 1000 },
  ];
  for (let i = 1; i < copies; i++) parts.push({ name: `word/media/zeros-${i}.bin`, data: Buffer.alloc(0), method: 8, declaredSize: 1000, sameDataAs: 'word/media/zeros-0.bin' });
  return zip(parts);
}

/** A PNG whose header says `width × height` (grey), with one tiny IDAT and its IEND: a few hundred bytes. */
export function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth; colour type 0 (grey)
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF whose page is one 1-bit image of `side` × `side` pixels, Flate-compressed zeros (black). */
export function hugeImagePdf(side = 20_000): Buffer {
  const pixels = deflateSync(Buffer.alloc(Math.ceil(side / 8) * side));
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: Buffer | string) => {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(buffer);
    length += buffer.length;
  };
  const content = 'q 595 0 0 842 0 0 cm /Im0 Do Q';
  push('%PDF-1.4\n');
  const objects: (string | Buffer[])[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    [Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`, 'latin1'), pixels, Buffer.from('\nendstream', 'latin1')],
  ];
  objects.forEach((body, index) => {
    offsets.push(length);
    push(`${index + 1} 0 obj\n`);
    if (typeof body === 'string') push(body);
    else body.forEach(push);
    push('\nendobj\n');
  });
  const xref = length;
  push(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, '/'))) {
  const dir = process.argv[2] ?? '.';
  writeFileSync(join(dir, 'declared-bomb.docx'), declaredBomb());
  writeFileSync(join(dir, 'overlap-bomb.docx'), overlapBomb());
  writeFileSync(join(dir, 'huge-claim.png'), pngClaiming(30_000, 30_000));
  writeFileSync(join(dir, 'huge-image.pdf'), hugeImagePdf());
}
