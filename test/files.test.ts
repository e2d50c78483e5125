import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument, SUPPORTED_EXTENSIONS } from '../extractors/index.js';
import { collectFiles } from '../pipeline/files.js';

function fresh(): string {
  return mkdtempSync(join(tmpdir(), 'budgetlint-files-'));
}

describe('a folder walk', () => {
  const dirs: string[] = [];
  const made = () => {
    const dir = fresh();
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const relative = (dir: string, files: string[]) => files.map((f) => f.slice(dir.length + 1));

  it('picks up the workbooks read without LibreOffice (.xlsm, WPS .et, .ods) and skips other files', async () => {
    const dir = made();
    copyFileSync('fixtures/office/budget-two-sheets.xlsx', join(dir, 'a.xlsm'));
    copyFileSync('fixtures/office/budget-two-sheets.xls', join(dir, 'b.et'));
    copyFileSync('fixtures/office/budget-two-sheets.ods', join(dir, 'c.ods'));
    writeFileSync(join(dir, 'd.csv'), '合计,358.84\n');
    const { files, problems } = await collectFiles([dir]);
    expect(problems).toEqual([]);
    expect(relative(dir, files)).toEqual(['a.xlsm', 'b.et', 'c.ods']);
    for (const file of files) {
      const result = await extractDocument({ path: file, bytes: new Uint8Array(readFileSync(file)), sha256: '0'.repeat(64) }, {});
      expect(result.ok, file).toBe(true);
    }
  });

  it('takes every format the README lists, by extension, in either case', async () => {
    const dir = made();
    expect(SUPPORTED_EXTENSIONS).toEqual(['.md', '.markdown', '.txt', '.text', '.html', '.htm', '.mht', '.mhtml', '.pdf', '.docx', '.doc', '.wps', '.rtf', '.odt',
      '.xls', '.xlsx', '.xlsm', '.et', '.ods', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.bmp', '.webp', '.gif']);
    for (const ext of SUPPORTED_EXTENSIONS) writeFileSync(join(dir, `r${ext}`), 'x');
    writeFileSync(join(dir, 'UPPER.ODT'), 'x');
    for (const other of ['notes.csv', 'report.xml', 'archive.zip', 'README']) writeFileSync(join(dir, other), 'x');
    const { files, problems } = await collectFiles([dir]);
    expect(problems).toEqual([]);
    expect(relative(dir, files)).toEqual(['UPPER.ODT', ...SUPPORTED_EXTENSIONS.map((ext) => `r${ext}`).sort()]);
  });

  it('follows a symlinked file and a symlinked folder, each real file once; a link to nothing is reported', async () => {
    const dir = made();
    const outside = made();
    mkdirSync(join(outside, 'more'));
    writeFileSync(join(outside, 'more', 'b.md'), 'x');
    writeFileSync(join(outside, 'c.pdf'), 'x');
    writeFileSync(join(dir, 'a.md'), 'x');
    symlinkSync(join(outside, 'more'), join(dir, 'linked-folder'));
    symlinkSync(join(outside, 'c.pdf'), join(dir, 'linked.pdf'));
    // A second link to a file already taken: read once.
    symlinkSync(join(dir, 'a.md'), join(dir, 'z-again.md'));
    symlinkSync(join(outside, 'gone.docx'), join(dir, 'dangling.docx'));
    const { files, problems } = await collectFiles([dir]);
    expect(relative(dir, files)).toEqual(['a.md', 'linked-folder/b.md', 'linked.pdf']);
    expect(problems).toEqual([{ path: join(dir, 'dangling.docx'), message: '符号链接指向的文件不存在', code: 'not-found' }]);
  });

  it('ends a symlinked folder cycle: each folder is walked once', async () => {
    const dir = made();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    writeFileSync(join(dir, 'a', 'b', 'r.md'), 'x');
    symlinkSync(join(dir, 'a'), join(dir, 'a', 'b', 'up'));
    symlinkSync(dir, join(dir, 'a', 'root'));
    const { files, problems } = await collectFiles([dir, join(dir, 'a')]);
    expect(relative(dir, files)).toEqual(['a/b/r.md']);
    expect(problems).toEqual([]);
  });

  it('skips hidden folders and files and node_modules, at any depth', async () => {
    const dir = made();
    for (const folder of ['.git', 'node_modules', 'sub/.cache', 'sub/node_modules', 'sub/ok']) mkdirSync(join(dir, folder), { recursive: true });
    for (const file of ['.git/x.md', 'node_modules/x.md', 'sub/.cache/x.md', 'sub/node_modules/x.pdf', 'sub/.hidden.md', 'sub/ok/y.md', 'top.md']) writeFileSync(join(dir, file), 'x');
    const { files } = await collectFiles([dir]);
    expect(relative(dir, files)).toEqual(['sub/ok/y.md', 'top.md']);
  });
});
