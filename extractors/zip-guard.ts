/**
 * Bounded cost for ZIP containers (.docx, .xlsx, .odt, .ods…) before any reader unpacks them:
 * JSZip and SheetJS inflate every part whole in memory, so a few KB that inflate to a GiB take
 * the worker's heap before anything can say why. Here the central directory's declared sizes
 * are added up, then every entry is inflated as a stream and its actual output counted and
 * dropped, chunk by chunk; past the limit the file is refused. Memory stays at one chunk; the time
 * is that of inflating at most the limit once.
 */
import { createInflateRaw } from 'node:zlib';

/** Default limit on the inflated size of a ZIP container: 200 MB. */
export const DEFAULT_MAX_INFLATED_BYTES = 200 * 1_000_000;
/** A Word or Excel package has tens to hundreds of parts; a million tiny entries is a bomb of another kind. */
export const MAX_ZIP_ENTRIES = 50_000;

export type ZipGuardResult = { ok: true; declared: number; entries: number } | { ok: false; message: string; code: 'decompression-bomb' };

interface Entry {
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u32 = (bytes: Uint8Array, at: number) => (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;
const u64 = (bytes: Uint8Array, at: number) => u32(bytes, at) + u32(bytes, at + 4) * 2 ** 32;

/** ZIP64: the true sizes and offset of an entry whose 32-bit fields are 0xFFFFFFFF, from its extra field. */
function applyZip64(bytes: Uint8Array, entry: Entry, extraStart: number, extraEnd: number): void {
  for (let at = extraStart; at + 4 <= extraEnd;) {
    const id = u16(bytes, at);
    const size = u16(bytes, at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      if (entry.uncompressedSize === 0xffffffff && field + 8 <= at + 4 + size) { entry.uncompressedSize = u64(bytes, field); field += 8; }
      if (entry.compressedSize === 0xffffffff && field + 8 <= at + 4 + size) { entry.compressedSize = u64(bytes, field); field += 8; }
      if (entry.localOffset === 0xffffffff && field + 8 <= at + 4 + size) entry.localOffset = u64(bytes, field);
      return;
    }
    at += 4 + size;
  }
}

/** The central directory's entries, or undefined when there is none (a truncated file: the reader reports it). */
function centralDirectory(bytes: Uint8Array): Entry[] | undefined {
  const floor = Math.max(0, bytes.length - 65_557);
  for (let at = bytes.length - 22; at >= floor; at--) {
    if (u32(bytes, at) !== 0x06054b50) continue;
    let count = u16(bytes, at + 10);
    let offset = u32(bytes, at + 16);
    // ZIP64 end of central directory, through its locator just before the end record.
    if ((count === 0xffff || offset === 0xffffffff) && at >= 20 && u32(bytes, at - 20) === 0x07064b50) {
      const end64 = u64(bytes, at - 20 + 8);
      if (end64 + 56 <= bytes.length && u32(bytes, end64) === 0x06064b50) {
        count = u64(bytes, end64 + 32);
        offset = u64(bytes, end64 + 48);
      }
    }
    const entries: Entry[] = [];
    for (let i = 0; i < count && offset + 46 <= bytes.length; i++) {
      if (u32(bytes, offset) !== 0x02014b50) break;
      const nameLength = u16(bytes, offset + 28);
      const extraLength = u16(bytes, offset + 30);
      const commentLength = u16(bytes, offset + 32);
      const entry: Entry = { method: u16(bytes, offset + 10), compressedSize: u32(bytes, offset + 20), uncompressedSize: u32(bytes, offset + 24), localOffset: u32(bytes, offset + 42) };
      const extraStart = offset + 46 + nameLength;
      applyZip64(bytes, entry, extraStart, extraStart + extraLength);
      entries.push(entry);
      offset = extraStart + extraLength + commentLength;
      // The count is read from the file: more entries than any package has is refused before walking them all.
      if (entries.length > MAX_ZIP_ENTRIES) break;
    }
    return entries;
  }
  return undefined;
}

/** Inflates `data` as a stream, counting its output; stops as soon as the count passes `budget`. */
function inflatedSize(data: Uint8Array, budget: number): Promise<number> {
  return new Promise((resolve) => {
    let total = 0;
    let settled = false;
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve(total);
    };
    inflate.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > budget) {
        finish();
        inflate.destroy();
      }
    });
    inflate.on('end', finish);
    inflate.on('close', finish);
    // Damaged data is the reader's to report; what was inflated until then still counts.
    inflate.on('error', finish);
    inflate.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
}

function refusal(limit: number): ZipGuardResult {
  return { ok: false, message: `解压后超过 ${Number((limit / 1_000_000).toPrecision(3))} MB（疑似压缩炸弹），未读取`, code: 'decompression-bomb' };
}

/** Checks a ZIP container's declared and actual inflated size against `limit` bytes. */
export async function guardZip(bytes: Uint8Array, limit = DEFAULT_MAX_INFLATED_BYTES): Promise<ZipGuardResult> {
  const entries = centralDirectory(bytes);
  if (!entries) return { ok: true, declared: 0, entries: 0 };
  if (entries.length > MAX_ZIP_ENTRIES) return { ok: false, message: `ZIP 包中条目超过 ${MAX_ZIP_ENTRIES} 个（疑似压缩炸弹），未读取`, code: 'decompression-bomb' };
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limit) return refusal(limit);
  // Declared sizes can lie: inflate and count. Entries sharing one stream (overlapping bombs) count each time.
  let actual = 0;
  for (const entry of entries) {
    const local = entry.localOffset;
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) continue;
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    const end = Math.min(bytes.length, start + entry.compressedSize);
    if (entry.method === 0) actual += end - start;
    else if (entry.method === 8) actual += await inflatedSize(bytes.subarray(start, end), limit - actual);
    if (actual > limit) return refusal(limit);
  }
  return { ok: true, declared, entries: entries.length };
}
