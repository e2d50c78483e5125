/**
 * `export` and `report` on a PostgreSQL store: its tables copied into a temporary SQLite store of
 * the current schema, which the existing export and report code then read unchanged — one
 * implementation of every export column and report page for both stores. The copy reads the
 * store once, table by table in primary-key order (a consistent snapshot: one REPEATABLE READ
 * transaction); the temporary file is removed when the store is closed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDb, isPostgresUrl } from '../api.js';
import { ResultStore, StoreError } from '../store.js';
import { PostgresStore } from './store.js';

/** Shared tables in an order that satisfies their references, with the key to page through them by. */
const TABLES: [string, string][] = [
  ['runs', 'id'],
  ['extractions', 'id'],
  ['documents', 'id'],
  ['pages', 'document_id, number'],
  ['facts', 'id'],
  ['findings', 'id'],
  ['errors', 'id'],
  ['files', 'path'],
  ['run_files', 'run_id, path'],
  ['decisions', 'fingerprint'],
];
const PAGE = 5000;

/** A store to read (export, report): a SQLite file as it is, a PostgreSQL URL through a snapshot. */
export async function openStoreForReading(db: string): Promise<ResultStore> {
  return isPostgresUrl(db) ? snapshotPostgres(db) : ResultStore.openForReading(db);
}

export async function snapshotPostgres(url: string): Promise<ResultStore> {
  let source: PostgresStore;
  try {
    source = await PostgresStore.open(url, { max: 1 });
  } catch (error) {
    throw error instanceof StoreError ? error : new StoreError(`无法打开 PostgreSQL 结果库 ${describeDb(url)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'budgetlint-pg-snapshot-'));
  let target: ResultStore | undefined;
  try {
    target = ResultStore.open(join(dir, 'snapshot.sqlite'));
    const db = target.db;
    db.pragma('foreign_keys = OFF');
    await source.transaction(async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (const [table, key] of TABLES) {
        // The columns both stores have (a column one schema version adds is left to its default).
        const inPostgres = new Set((await client.query<{ column_name: string }>(
          "SELECT column_name FROM information_schema.columns WHERE table_schema = 'budgetlint' AND table_name = $1", [table])).rows.map((row) => row.column_name));
        const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((column) => column.name).filter((name) => inPostgres.has(name));
        const quoted = columns.map((column) => `"${column}"`).join(', ');
        const insert = db.prepare(`INSERT INTO ${table} (${quoted}) VALUES (${columns.map(() => '?').join(', ')})`);
        const insertMany = db.transaction((rows: Record<string, unknown>[]) => {
          for (const row of rows) insert.run(columns.map((column) => normalize(row[column])));
        });
        // Paths still queued (no worker has stored them yet) have no outcome in SQLite's sense: left out.
        const where = table === 'run_files' ? "WHERE outcome <> 'queued'" : '';
        for (let offset = 0; ; offset += PAGE) {
          const rows = (await client.query<Record<string, unknown>>(`SELECT ${quoted} FROM ${table} ${where} ORDER BY ${key} LIMIT ${PAGE} OFFSET ${offset}`)).rows;
          insertMany(rows);
          if (rows.length < PAGE) break;
        }
      }
    });
    db.pragma('foreign_keys = ON');
    const path = target.path;
    target.close();
    const snapshot = ResultStore.openForReading(path);
    const close = snapshot.close.bind(snapshot);
    // The snapshot's file goes with the store; messages name the PostgreSQL store.
    Object.assign(snapshot, { close: () => { close(); rmSync(dir, { recursive: true, force: true }); } });
    Object.defineProperty(snapshot, 'path', { value: describeDb(url) });
    return snapshot;
  } catch (error) {
    target?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error instanceof StoreError ? error : new StoreError(`无法读取 PostgreSQL 结果库 ${describeDb(url)}：${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await source.close().catch(() => {});
  }
}

/** SQLite takes numbers, strings, Buffers and null; PostgreSQL booleans become 0/1. */
function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}
