/** Shared by the report tests: the CLI as a child process, and Debian's Chromium for the browser tests. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../pipeline/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');

export function budgetlint(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, ['--import', TSX, CLI, ...args], { encoding: 'utf8', cwd, maxBuffer: 64 * 1024 * 1024 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

const CHROMIUM = process.env.BUDGETLINT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Debian's chromium (never a downloaded browser build). `.ci/run` installs it; elsewhere it is
 * installed here when we are root, else the browser tests are skipped with a message.
 */
export function findChromium(): { path?: string; reason?: string } {
  if (existsSync(CHROMIUM)) return { path: CHROMIUM };
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'ignore', timeout: 600_000 });
    if (existsSync(CHROMIUM)) return { path: CHROMIUM };
  }
  return { reason: `浏览器测试已跳过：未找到 ${CHROMIUM}，也无法安装（apt-get install chromium）` };
}
