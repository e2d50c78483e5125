import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../extractors/index.js';
import { collectFiles } from '../pipeline/files.js';

describe('a folder walk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('picks up the workbooks read without LibreOffice (.xlsm, WPS .et, .ods) and skips other files', async () => {
    copyFileSync('fixtures/office/budget-two-sheets.xlsx', join(dir, 'a.xlsm'));
    copyFileSync('fixtures/office/budget-two-sheets.xls', join(dir, 'b.et'));
    copyFileSync('fixtures/office/budget-two-sheets.ods', join(dir, 'c.ods'));
    writeFileSync(join(dir, 'd.csv'), '合计,358.84\n');
    const { files, problems } = await collectFiles([dir]);
    expect(problems).toEqual([]);
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['a.xlsm', 'b.et', 'c.ods']);
    for (const file of files) {
      const result = await extractDocument({ path: file, bytes: new Uint8Array(readFileSync(file)), sha256: '0'.repeat(64) }, {});
      expect(result.ok, file).toBe(true);
    }
  });
});
