/**
 * What the commands write, written safely: an output never lands on an input or the store, its
 * folder is checked before any work, and every file goes to a temporary file renamed into place,
 * so an interrupted write (full disk, kill) leaves the old file whole. Write errors are one line.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, closeSync, constants, createWriteStream, fsyncSync, openSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { UsageError } from './commands/types.js';

/** A terminal never narrower than this (`script` and some CI pseudo-terminals report 0 columns). */
export const MIN_TERMINAL_COLUMNS = 40;

/** The width to draw in: the terminal's, or 80 when unknown, never below MIN_TERMINAL_COLUMNS. */
export function terminalColumns(stream: { columns?: number | undefined }): number {
  const reported = stream.columns;
  if (reported === undefined || !Number.isFinite(reported) || reported <= 0) return 80;
  return Math.max(MIN_TERMINAL_COLUMNS, Math.floor(reported));
}

/** Why a write failed, in Chinese, with what to do; unknown codes keep their code. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOSPC':
      return '磁盘空间不足，请腾出空间或改写到其他磁盘';
    case 'EDQUOT':
      return '超出磁盘配额，请腾出空间或改写到其他位置';
    case 'EACCES':
    case 'EPERM':
      return '没有写入权限';
    case 'EROFS':
      return '文件系统只读';
    case 'ENOENT':
      return '目录不存在';
    case 'EISDIR':
      return '这是一个目录';
    case 'ENOTDIR':
      return '路径中有一部分不是目录';
    case 'EFBIG':
      return '文件超出文件系统允许的大小';
    case 'EIO':
      return '磁盘读写错误';
    default:
      return `写入失败（${code ?? (error instanceof Error ? error.message : String(error))}）`;
  }
}

/** A write that failed on a user-level condition: one line, exit 2. */
export class OutputError extends UsageError {}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The same file: one inode (hard links and symbolic links included), else one resolved path. */
function sameFile(a: string, b: string): boolean {
  const left = statOrUndefined(a);
  const right = statOrUndefined(b);
  if (left && right) return left.dev === right.dev && left.ino === right.ino;
  return canonical(a) === canonical(b);
}

/** The absolute path with its folder's links resolved (the file itself may not exist yet). */
function canonical(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/** Does `inner` lie in folder `outer` (or is it `outer`)? */
function isInside(inner: string, outer: string): boolean {
  const a = canonical(inner);
  const b = canonical(outer);
  return a === b || a.startsWith(b.endsWith('/') ? b : `${b}/`);
}

export interface Input {
  path: string;
  /** How the message names it: `输入文件`, `结果库`. */
  role: string;
}

/** The store and the files SQLite keeps beside it: writing over any of them loses the store. */
export function storeInputs(db: string): Input[] {
  return ['', '-wal', '-shm', '-journal'].map((suffix) => ({ path: `${db}${suffix}`, role: '结果库' }));
}

/**
 * An output file, checked before any work: not one of the inputs (same inode or path), its
 * folder exists and is writable, and the path is not a folder or a file it cannot write.
 */
export function checkOutputFile(path: string, what: string, inputs: readonly Input[] = []): void {
  for (const input of inputs) {
    if (sameFile(path, input.path)) throw new OutputError(`${what} ${path} 就是${input.role} ${input.path}，写入会覆盖它；请换一个输出文件名`);
  }
  const folder = dirname(resolve(path));
  const info = statOrUndefined(folder);
  if (!info) throw new OutputError(`${what} ${path}：目录 ${folder} 不存在`);
  if (!info.isDirectory()) throw new OutputError(`${what} ${path}：${folder} 不是目录`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new OutputError(`${what} ${path}：目录 ${folder} 不可写`);
  }
  const target = statOrUndefined(path);
  if (target?.isDirectory()) throw new OutputError(`${what} ${path}：这是一个目录`);
  // `-o /dev/stdout` or a named pipe is written as it is; a socket or a block device is not an output.
  if (target && !target.isFile() && !isStream(target)) throw new OutputError(`${what} ${path}：不是普通文件`);
  if (target) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new OutputError(`${what} ${path}：文件不可写`);
    }
  }
}

/**
 * An output folder (`report -o DIR`), checked before any work: an existing folder (writable), or
 * a new one in an existing writable folder; never a file, and no input inside it.
 */
export function checkOutputFolder(path: string, what: string, inputs: readonly Input[] = []): void {
  const target = statOrUndefined(path);
  if (target && !target.isDirectory()) throw new OutputError(`${what} ${path}：已存在且不是目录，请给出一个目录`);
  for (const input of inputs) {
    if (statOrUndefined(input.path) && isInside(input.path, path)) throw new OutputError(`${what} ${path}：${input.role} ${input.path} 在该目录中，请换一个报告目录`);
  }
  const writable = target ? path : dirname(resolve(path));
  const parent = statOrUndefined(writable);
  if (!parent) throw new OutputError(`${what} ${path}：目录 ${writable} 不存在`);
  if (!parent.isDirectory()) throw new OutputError(`${what} ${path}：${writable} 不是目录`);
  try {
    accessSync(writable, constants.W_OK);
  } catch {
    throw new OutputError(`${what} ${path}：目录 ${writable} 不可写`);
  }
}

/** Files the walk found that are the output itself (`check -o out.md folder/` with out.md in folder/). */
export function collidingInput(output: string, files: readonly string[]): string | undefined {
  if (!statOrUndefined(output)) return undefined;
  return files.find((file) => sameFile(file, output));
}

/** A character device (`/dev/stdout`) or a FIFO: written in place, never replaced by a rename. */
function isStream(info: Stats): boolean {
  return info.isCharacterDevice() || info.isFIFO() || info.isSocket();
}

/** The process's own streams by name: a socket behind them cannot be opened again by path, so their descriptor is used. */
const STANDARD_STREAMS: Record<string, number> = { '/dev/stdout': 1, '/dev/stderr': 2, '/proc/self/fd/1': 1, '/proc/self/fd/2': 2, '/dev/fd/1': 1, '/dev/fd/2': 2 };

function inPlace(path: string): string | number {
  return STANDARD_STREAMS[resolve(path)] ?? path;
}

/**
 * Written in place, never through a rename: a device or a pipe, and anything under /dev or /proc
 * (`-o /dev/stdout` is a link the shell points at its own file: a rename would replace the link).
 */
function streamTarget(path: string): boolean {
  const absolute = resolve(path);
  if (absolute.startsWith('/dev/') || absolute.startsWith('/proc/')) return true;
  const info = statOrUndefined(path);
  return info !== undefined && isStream(info);
}

/** Where the rename lands: the file a symbolic link points at, so that the link stays a link. */
function renameTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function temporaryPath(path: string): string {
  return join(dirname(resolve(path)), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // best effort: the temporary file is hidden and named as ours
  }
}

/** Writes a whole file through a temporary file in the same folder renamed into place; an OutputError says why it failed. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  if (streamTarget(path)) {
    try {
      writeFileSync(inPlace(path), data);
      return;
    } catch (error) {
      throw new OutputError(`无法写入 ${path}：${describeWriteError(error)}`);
    }
  }
  const target = renameTarget(path);
  const temporary = temporaryPath(target);
  let fd: number | undefined;
  try {
    fd = openSync(temporary, 'wx', 0o644);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temporary);
    throw new OutputError(`无法写入 ${path}：${describeWriteError(error)}`);
  }
}

/**
 * Streams into a temporary file and renames it into place once `fill` resolves; on any error the
 * temporary file is removed, the old file stays whole, and an OutputError says why.
 */
export async function writeStreamAtomic(path: string, fill: (stream: Writable) => Promise<void>): Promise<void> {
  if (streamTarget(path)) {
    try {
      const place = inPlace(path);
      await fill(typeof place === 'number' ? createWriteStream('', { fd: place, autoClose: false }) : createWriteStream(place));
      return;
    } catch (error) {
      throw new OutputError(`无法写入 ${path}：${describeWriteError(error)}`);
    }
  }
  const target = renameTarget(path);
  const temporary = temporaryPath(target);
  const stream = createWriteStream(temporary, { flags: 'wx', mode: 0o644 });
  try {
    await fill(stream);
    if (!stream.closed) await new Promise<void>((done, fail) => stream.once('close', done).once('error', fail));
    renameSync(temporary, target);
  } catch (error) {
    stream.destroy();
    removeQuietly(temporary);
    if (error instanceof OutputError) throw error;
    throw new OutputError(`无法写入 ${path}：${describeWriteError(error)}`);
  }
}

/** The system's codes for the machine's state (a full disk, a read-only or forbidden place). */
const SYSTEM_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EFBIG', 'EIO']);

/**
 * The one line for an error that escaped a command but is the machine's state, not a bug (a full
 * disk while the store or stdout is written; SQLite's extended codes such as SQLITE_IOERR_WRITE
 * included), or undefined for a real internal error, which keeps its stack.
 */
export function userLevelMessage(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (SYSTEM_CODES.has(code)) return describeWriteError(error);
  if (code.startsWith('SQLITE_FULL')) return '磁盘空间不足，结果库无法写入：已提交的结果都在库中，腾出空间后再次运行即可继续';
  if (code.startsWith('SQLITE_READONLY')) return '结果库不可写（只读的文件或目录）：请换一个 --db，或修改权限';
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return `结果库读写错误（${code}）：请检查磁盘空间和权限`;
  return undefined;
}
