/**
 * The test PostgreSQL: BUDGETLINT_TEST_PG (a URL; .ci/postgres.sh starts a throwaway cluster and
 * sets it). Without it the PostgreSQL tests are skipped with a visible reason locally, and fail
 * under CI=true: CI must never pass without running them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_PG = process.env.BUDGETLINT_TEST_PG;

export const SKIP_REASON = 'BUDGETLINT_TEST_PG is not set: PostgreSQL tests skipped (source .ci/postgres.sh to start a throwaway cluster)';

/** Call at the top of a PostgreSQL test file: true when its tests should run. */
export function postgresAvailable(): boolean {
  if (TEST_PG) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${SKIP_REASON} — required under CI`);
  process.stderr.write(`[skip] ${SKIP_REASON}\n`);
  return false;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** A fresh, empty database on the test server; its URL. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `budgetlint_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(TEST_PG!, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_PG });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await client.end();
    },
  };
}

/** One query on a database (tests look at the queue's and the store's tables directly). */
export async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url, options: '-c search_path=budgetlint' });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}
