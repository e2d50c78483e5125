/**
 * ZIP containers are bounded before any reader inflates them (extractors/zip-guard.ts): a few KB
 * that declare, or inflate to, more than the limit get one line, and real packages pass.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../extractors/index.js';
import { DEFAULT_MAX_INFLATED_BYTES, guardZip } from '../extractors/zip-guard.js';
import { sha256Hex } from '../pipeline/process.js';
import { declaredBomb, overlapBomb } from './helpers/zip-bomb.js';

const REFUSED = { ok: false, error: { message: '解压后超过 200 MB（疑似压缩炸弹），未读取', code: 'decompression-bomb' } };

function input(path: string, bytes: Uint8Array) {
  return { path, bytes, sha256: sha256Hex(bytes) };
}

describe('ZIP bombs', () => {
  it('a .docx of under 1 KB declaring 4 GB is refused by its central directory', async () => {
    const bomb = declaredBomb();
    expect(bomb.length).toBeLessThan(1024);
    expect(await extractDocument(input('declared.docx', bomb))).toEqual(REFUSED);
  });

  it('a .docx of a few KB whose entries declare 250 KB but inflate to 250 MB is refused while inflating', async () => {
    const bomb = overlapBomb(250);
    expect(bomb.length).toBeLessThan(20 * 1024);
    // What the headers say passes: only counting what comes out finds it.
    expect(DEFAULT_MAX_INFLATED_BYTES).toBe(200_000_000);
    expect(await extractDocument(input('overlap.docx', bomb))).toEqual(REFUSED);
    // Under the limit it passes the guard (and is then the reader's to judge).
    // Declared: 150 × 1 KB and the two XML parts (534 bytes).
    expect(await guardZip(overlapBomb(150))).toEqual({ ok: true, declared: 150 * 1000 + 534, entries: 152 });
  });

  it('real packages pass: Word, Excel and OpenDocument fixtures are read as before', async () => {
    for (const path of ['fixtures/reports/jinkouhe-ybj-2025.docx', 'fixtures/office/budget-two-sheets.xlsx', 'fixtures/office/budget-two-sheets.ods']) {
      const guard = await guardZip(readFileSync(path));
      expect(guard.ok, path).toBe(true);
    }
    const docx = await extractDocument(input('jinkouhe.docx', readFileSync('fixtures/reports/jinkouhe-ybj-2025.docx')));
    expect(docx.ok).toBe(true);
  });

  it('the limit is a setting: a 1 MB limit refuses the jinkouhe .docx, whose parts inflate to more', async () => {
    const bytes = readFileSync('fixtures/reports/jinkouhe-ybj-2025.docx');
    const guard = await guardZip(bytes);
    expect(guard.ok && guard.declared).toBeGreaterThan(10_000);
    const limit = guard.ok ? Math.floor(guard.declared / 2) : 0;
    expect(await extractDocument(input('jinkouhe.docx', bytes), { maxInflatedBytes: limit })).toEqual({
      ok: false, error: { message: `解压后超过 ${Number((limit / 1_000_000).toPrecision(3))} MB（疑似压缩炸弹），未读取`, code: 'decompression-bomb' },
    });
  });
});
