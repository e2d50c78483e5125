/**
 * `kill -9` in the middle of `budgetlint run` (a real child process), then run again: the store
 * ends up with exactly what an uninterrupted run stores, nothing lost, nothing twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCollection } from '../pipeline/run/runner.js';
import { ResultStore } from '../pipeline/store/store.js';

const FIXTURES = new URL('../fixtures/reports/', import.meta.url);
const CLI = fileURLToPath(new URL('../pipeline/cli.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');
const REPORTS = readdirSync(FIXTURES).filter((name) => name.endsWith('.md')).sort();
const MARKS = ['甲', '乙', '丙', '丁', '戊', '己'];

let dir: string;
let docs: string;
let total = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'budgetlint-resume-'));
  docs = join(dir, 'reports');
  mkdirSync(docs);
  // Each report six times, each copy with a different closing remark (no figures): distinct contents.
  for (const name of REPORTS) {
    const text = readFileSync(new URL(name, FIXTURES), 'utf8');
    for (const mark of MARKS) {
      writeFileSync(join(docs, `${mark}-${name}`), `${text}\n附注：副本${mark}。\n`);
      total++;
    }
  }
  copyFileSync(new URL(REPORTS[0]!, FIXTURES), join(docs, `plain-${REPORTS[0]!}`));
  total++;
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function startRun(db: string): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, CLI, 'run', docs, '--db', db, '--concurrency', '1', '--progress-every', '1000'], { stdio: 'ignore' });
}

function documentCount(db: string): number {
  if (!existsSync(db)) return 0;
  try {
    const store = ResultStore.openForReading(db);
    try {
      return (store.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      store.close();
    }
  } catch {
    return 0; // not created yet
  }
}

/** Starts a run and kills it with SIGKILL once the store holds at least `atLeast` documents. */
async function runAndKill(db: string, atLeast: number): Promise<number> {
  const child = startRun(db);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const deadline = Date.now() + 45_000;
  while (documentCount(db) < atLeast) {
    if (Date.now() > deadline) throw new Error('the run committed nothing in time');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return documentCount(db);
}

async function runToEnd(db: string): Promise<number | null> {
  const child = startRun(db);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('budgetlint run, killed and run again', () => {
  it('resumes with nothing lost or duplicated', async () => {
    const db = join(dir, 'killed.sqlite');
    const afterFirstKill = await runAndKill(db, 1);
    expect(afterFirstKill).toBeGreaterThanOrEqual(1);
    expect(afterFirstKill).toBeLessThan(total);
    const afterSecondKill = await runAndKill(db, afterFirstKill + 2);
    expect(afterSecondKill).toBeLessThan(total);
    const code = await runToEnd(db);
    expect([0, 1]).toContain(code);

    // The same collection without interruption, for comparison.
    const reference = join(dir, 'reference.sqlite');
    await runCollection({ paths: [docs], db: reference, concurrency: 2, rules: {}, timeLimitMs: 60_000, memoryLimitMb: 1024 });

    const killed = ResultStore.openForReading(db);
    const clean = ResultStore.openForReading(reference);
    try {
      const count = (store: ResultStore, sql: string) => (store.db.prepare(sql).get() as { n: number }).n;
      for (const table of ['documents', 'pages', 'facts', 'findings', 'errors', 'files']) {
        expect(count(killed, `SELECT count(*) AS n FROM ${table}`), table).toBe(count(clean, `SELECT count(*) AS n FROM ${table}`));
      }
      expect(count(killed, 'SELECT count(*) AS n FROM documents')).toBe(total);
      expect(count(killed, 'SELECT count(DISTINCT sha256) AS n FROM documents')).toBe(total);
      // Every path holds the same result as in the uninterrupted run.
      const files = killed.db.prepare('SELECT path, document_id FROM files ORDER BY path').all() as { path: string; document_id: number }[];
      const cleanFiles = new Map((clean.db.prepare('SELECT path, document_id FROM files').all() as { path: string; document_id: number }[]).map((f) => [f.path, f.document_id]));
      expect(files).toHaveLength(total);
      for (const file of files) {
        const { timings: _a, ...mine } = killed.loadResult(file.document_id)!;
        const { timings: _b, ...theirs } = clean.loadResult(cleanFiles.get(file.path)!)!;
        expect(mine, file.path).toEqual(theirs);
      }
      // Three runs: two interrupted, the last one processed only what the others had not committed.
      const runs = killed.db.prepare('SELECT id, status, processed, reused FROM runs ORDER BY id').all() as { id: number; status: string; processed: number; reused: number }[];
      expect(runs.map((run) => run.status)).toEqual(['interrupted', 'interrupted', 'finished']);
      expect(runs[0]!.processed).toBe(afterFirstKill);
      expect(runs[1]!.reused + runs[1]!.processed).toBeLessThanOrEqual(total);
      expect(runs[2]).toMatchObject({ processed: total - afterSecondKill, reused: afterSecondKill });
    } finally {
      killed.close();
      clean.close();
    }
  });
});
