/**
 * Legacy Office files → Document: documents (.doc, .wps, RTF, Word 2003 XML, .odt) through
 * LibreOffice, workbooks (.xls, .et, .xlsx, Excel 2003 XML, .ods) in JS by spreadsheet.ts.
 *
 * Documents are converted to .docx and read by the Word reader.
 * Each conversion runs `soffice --headless` in its own temporary directory with its own
 * profile (`-env:UserInstallation`), so parallel conversions don't fight over one profile;
 * profiles are reused by later conversions of the same process (the first start of a fresh
 * profile costs a few seconds) and removed when the process exits (or, if it was killed, by
 * the next budgetlint process that converts something). A conversion that takes
 * longer than the time limit is killed with its whole process group.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import PQueue from 'p-queue';
import type { Document, Page } from '../model/document.js';
import { extractDocx, wordLocator } from './docx.js';
import { appendBlocks, htmlToBlocks } from './html.js';
import { sniffOle, type OleKind } from './sniff.js';
import type { ExtractInput, ExtractOptions, ExtractResult } from './types.js';
import { processAlive } from './process-alive.js';

/** Default time limit for one conversion. */
export const CONVERT_TIMEOUT_MS = 120_000;

function fail(message: string, code: string): ExtractResult {
  return { ok: false, error: { message, code } };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The LibreOffice executable: `$BUDGETLINT_SOFFICE`, else `soffice` or `libreoffice` on PATH,
 * else the usual install places on macOS and Windows. Undefined when there is none.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.BUDGETLINT_SOFFICE;
  if (explicit) return isExecutable(explicit) ? explicit : undefined;
  const names = process.platform === 'win32' ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  const known =
    process.platform === 'darwin'
      ? ['/Applications/LibreOffice.app/Contents/MacOS/soffice']
      : process.platform === 'win32'
        ? ['C:\\Program Files\\LibreOffice\\program\\soffice.exe', 'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe']
        : ['/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice'];
  return known.find(isExecutable);
}

// --- profiles and concurrency ---------------------------------------------------------------

const idleProfiles: string[] = [];
const allProfiles = new Set<string>();
let cleanupRegistered = false;
let swept: Promise<void> | undefined;

/** Temporary directories are named `budgetlint-lo-<pid>-…`, so those of a process that died can be found. */
const tempPrefix = () => join(tmpdir(), `budgetlint-lo-${process.pid}-`);

/** Remove the profiles and work directories left by budgetlint processes that were killed. */
async function sweepStale(): Promise<void> {
  const names = await readdir(tmpdir()).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = Number(/^budgetlint-lo-(\d+)-/.exec(name)?.[1]);
      if (!pid || pid === process.pid || processAlive(pid)) return;
      await rm(join(tmpdir(), name), { recursive: true, force: true }).catch(() => undefined);
    }),
  );
}

async function acquireProfile(): Promise<string> {
  swept ??= sweepStale();
  await swept;
  const idle = idleProfiles.pop();
  if (idle) return idle;
  const dir = await mkdtemp(`${tempPrefix()}profile-`);
  allProfiles.add(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', () => {
      for (const profile of allProfiles) rmSync(profile, { recursive: true, force: true });
    });
  }
  return dir;
}

async function releaseProfile(dir: string, healthy: boolean): Promise<void> {
  if (healthy) {
    idleProfiles.push(dir);
    return;
  }
  allProfiles.delete(dir);
  await rm(dir, { recursive: true, force: true });
}

/** At most one LibreOffice per core: each takes a few hundred MiB. */
const queue = new PQueue({ concurrency: Math.max(1, availableParallelism()) });

// --- one conversion -------------------------------------------------------------------------

export type ConvertTarget = 'docx';

export type ConvertResult = { ok: true; bytes: Uint8Array } | { ok: false; message: string; code: 'timeout' | 'corrupt' | 'internal' };

export interface ConvertOptions {
  soffice: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const FILTERS: Record<ConvertTarget, string> = {
  docx: 'docx:MS Word 2007 XML',
};

/** Run soffice on `bytes` (saved as `input.<extension>`) and return the converted file's bytes. */
export async function convertWithLibreOffice(bytes: Uint8Array, extension: string, target: ConvertTarget, options: ConvertOptions): Promise<ConvertResult> {
  const run = async (): Promise<ConvertResult> => {
    if (options.signal?.aborted) return { ok: false, message: '转换已取消（超时）', code: 'timeout' };
    const profile = await acquireProfile();
    const work = await mkdtemp(`${tempPrefix()}work-`);
    let healthy = true;
    try {
      const inputPath = join(work, `input.${extension}`);
      const outDir = join(work, 'out');
      await writeFile(inputPath, bytes);
      const args = [
        `-env:UserInstallation=${pathToFileURL(profile).href}`,
        '--headless',
        '--invisible',
        '--nologo',
        '--nodefault',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        FILTERS[target],
        '--outdir',
        outDir,
        inputPath,
      ];
      const outcome = await runProcess(options.soffice, args, options.timeoutMs ?? CONVERT_TIMEOUT_MS, options.signal);
      if (outcome.timedOut) {
        healthy = false;
        return { ok: false, message: `LibreOffice 转换超时（${Math.round((options.timeoutMs ?? CONVERT_TIMEOUT_MS) / 1000)} 秒）`, code: 'timeout' };
      }
      if (outcome.spawnError) return { ok: false, message: `无法启动 LibreOffice：${outcome.spawnError}`, code: 'internal' };
      const produced = await readdir(outDir).catch(() => [] as string[]);
      const output = produced.find((name) => name.toLowerCase().endsWith(`.${target}`));
      if (!output) {
        if (outcome.code !== 0) healthy = false;
        const reason = outcome.stderr.split('\n').map((line) => line.trim()).find((line) => line && !/javaldx|java may not/i.test(line));
        return { ok: false, message: `LibreOffice 无法打开此文件，可能已损坏${reason ? `（${reason}）` : ''}`, code: 'corrupt' };
      }
      return { ok: true, bytes: new Uint8Array(await readFile(join(outDir, output))) };
    } finally {
      await releaseProfile(profile, healthy);
      await rm(work, { recursive: true, force: true });
    }
  };
  return (await queue.add(run)) as ConvertResult;
}

interface ProcessOutcome {
  code: number | null;
  stderr: string;
  timedOut: boolean;
  spawnError?: string;
}

function runProcess(command: string, args: string[], timeoutMs: number, signal?: AbortSignal): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(command, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      // Own process group, so a timeout kills soffice.bin too, not only the launcher.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    const kill = () => {
      timedOut = true;
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(kill, timeoutMs);
    signal?.addEventListener('abort', kill, { once: true });
    const finish = (outcome: ProcessOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', kill);
      resolve(outcome);
    };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 10_000) stderr += chunk;
    });
    child.on('error', (error) => finish({ code: null, stderr, timedOut, spawnError: error.message }));
    child.on('close', (code) => finish({ code, stderr, timedOut }));
  });
}

// --- extraction -----------------------------------------------------------------------------

const KIND_NAMES: Record<OleKind | 'xlsx', string> = {
  doc: '.doc',
  wps: '.wps',
  rtf: 'RTF',
  wordml: 'Word 2003 XML',
  odt: 'OpenDocument 文档',
  xls: '.xls',
  xlsx: '.xlsx',
  xmlss: 'Excel 2003 XML',
  ods: 'OpenDocument 表格',
  mht: 'MHT 网页存档',
  ppt: '.ppt',
  encrypted: '加密的 Office',
  unknown: '旧版 Office',
};

/** Read by spreadsheet.ts, without LibreOffice. */
const SPREADSHEETS = new Set<OleKind | 'xlsx'>(['xls', 'xlsx', 'xmlss', 'ods']);

/** The file's own extension when it is one LibreOffice knows for this kind of content; else a neutral one. */
function inputExtension(path: string, kind: OleKind | 'xlsx'): string {
  const own = /\.([a-z]{2,4})$/i.exec(path)?.[1]?.toLowerCase();
  const accepted: Record<string, string[]> = {
    doc: ['doc', 'wps', 'dot', 'wpt'],
    wps: ['wps', 'wpt', 'doc'],
    rtf: ['rtf', 'doc'],
    wordml: ['xml', 'doc'],
    odt: ['odt'],
    unknown: ['doc', 'wps', 'xls', 'et'],
  };
  if (own && accepted[kind]?.includes(own)) return own;
  const fallback: Partial<Record<OleKind | 'xlsx', string>> = { rtf: 'rtf', wordml: 'xml', odt: 'odt' };
  return fallback[kind] ?? 'doc';
}

/** A damaged OLE file may have lost its directory: then the extension says what it was meant to be. */
function kindOf(sniffed: OleKind, path: string): OleKind {
  if (sniffed !== 'unknown') return sniffed;
  const ext = /\.([a-z]{2,4})$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  if (['xls', 'et', 'xlt', 'ett'].includes(ext)) return 'xls';
  if (ext === 'wps' || ext === 'wpt') return 'wps';
  if (['doc', 'dot'].includes(ext)) return 'doc';
  return 'unknown';
}

function installHint(kind: OleKind | 'xlsx'): string {
  return `需要 LibreOffice 将 ${KIND_NAMES[kind]} 转换为 .docx：请安装 LibreOffice（soffice 在 PATH 上，或设置 BUDGETLINT_SOFFICE），或另存为 .docx/PDF 后重试`;
}

// --- MHT web archives ------------------------------------------------------------------------

function headerValue(headers: string, name: string): string | undefined {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return match?.[1]?.trim();
}

function parameter(value: string | undefined, name: string): string | undefined {
  if (!value) return undefined;
  const match = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match?.[1] ?? match?.[2];
}

function decodeQuotedPrintable(text: string): Uint8Array {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const char = joined[i] ?? '';
    const hex = joined.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(joined.charCodeAt(i) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').toLowerCase();
  try {
    return new TextDecoder(/^(gb2312|gbk|gb_2312|x-gbk|cp936)$/.test(label) ? 'gb18030' : label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** The HTML part of an MHT archive (MIME multipart/related), decoded. */
export function mhtToHtml(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes).toString('latin1');
  const split = /\r?\n\r?\n/.exec(text);
  if (!split) return undefined;
  const headers = text.slice(0, split.index);
  const boundary = parameter(headerValue(headers, 'Content-Type'), 'boundary');
  const parts = boundary ? text.split(`--${boundary}`).slice(1) : [text.slice(split.index + split[0].length)];
  for (const part of parts) {
    const body = /\r?\n\r?\n/.exec(part);
    if (!body) continue;
    const partHeaders = boundary ? part.slice(0, body.index) : headers;
    const type = headerValue(partHeaders, 'Content-Type') ?? '';
    if (!/text\/html/i.test(type)) continue;
    const content = (boundary ? part.slice(body.index + body[0].length) : part).replace(/\r?\n--$/, '');
    const encoding = (headerValue(partHeaders, 'Content-Transfer-Encoding') ?? '').toLowerCase();
    const raw =
      encoding === 'base64'
        ? new Uint8Array(Buffer.from(content.replace(/\s+/g, ''), 'base64'))
        : encoding === 'quoted-printable'
          ? decodeQuotedPrintable(content)
          : new Uint8Array(Buffer.from(content, 'latin1'));
    const declared = parameter(type, 'charset') ?? /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(Buffer.from(raw).toString('latin1'))?.[1];
    return decodeCharset(raw, declared);
  }
  return undefined;
}

function extractMht(input: ExtractInput): ExtractResult {
  const html = mhtToHtml(input.bytes);
  if (html === undefined) return fail('MHT 网页存档中没有 HTML 正文', 'corrupt');
  const page: Page = { number: 1, lines: [], tables: [], source: 'text', notices: [] };
  appendBlocks(page, htmlToBlocks(html), { locate: wordLocator });
  if (page.lines.length === 0) return fail('MHT 网页存档中没有文字内容', 'empty');
  const document: Document = {
    path: input.path,
    format: 'html',
    sha256: input.sha256,
    pageNumbersKnown: false,
    pages: [page],
    notices: ['已从 MHT 网页存档（Word“单个文件网页”）中读取 HTML 正文'],
  };
  return { ok: true, document };
}

export async function extractViaLibreOffice(input: ExtractInput, options: ExtractOptions, format: 'ole' | 'xlsx'): Promise<ExtractResult> {
  try {
    const kind = format === 'xlsx' ? 'xlsx' : kindOf(sniffOle(input.bytes), input.path);
    if (kind === 'encrypted') return fail('文件有打开密码（已加密），无法读取：请去除密码后重试', 'encrypted');
    if (kind === 'ppt') return fail('不支持 PowerPoint 演示文稿：请另存为 PDF 后重试', 'unsupported');
    if (kind === 'mht') return extractMht(input);
    if (SPREADSHEETS.has(kind)) {
      const { extractSpreadsheet } = await import('./spreadsheet.js');
      return extractSpreadsheet(input, KIND_NAMES[kind]);
    }
    const soffice = findSoffice();
    if (!soffice) return fail(installHint(kind), 'unsupported');
    const converted = await convertWithLibreOffice(input.bytes, inputExtension(input.path, kind), 'docx', {
      soffice,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    if (!converted.ok) return fail(`${KIND_NAMES[kind]} 文件转换失败：${converted.message}`, converted.code);
    const result = await extractDocx({ ...input, bytes: converted.bytes }, options);
    if (!result.ok) return result;
    result.document.format = 'doc';
    result.document.notices.unshift(`已用 LibreOffice 将 ${KIND_NAMES[kind]} 转换为 .docx 后读取`);
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return fail(`转换旧版 Office 文件时出错：${message}`, 'internal');
  }
}
