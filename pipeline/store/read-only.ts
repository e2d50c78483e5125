/**
 * How `export` and `report` open the store: for reading only, leaving nothing behind.
 *
 * A WAL database opened with SQLITE_OPEN_READONLY still creates `-wal` and `-shm`, and cannot
 * delete them on close; in a folder it may not write it fails with "attempt to write a readonly
 * database". So:
 * - where the folder and the store are writable, the connection is opened read-write but made
 *   `query_only` (no statement can change the store), so closing it as the last connection
 *   checkpoints and removes `-wal` and `-shm` as every writer's close does;
 * - where they are not, no process of this user can be writing it, and the file is opened
 *   `immutable=1` (SQLite URI): no lock, no `-shm`, nothing written.
 */
import { accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

// better-sqlite3 reads this once, when its addon loads (at the first `new Database`): URIs are
// needed for `immutable=1`. Plain paths, as every other open passes, mean the same with it on.
process.env.SQLITE_USE_URI ??= '1';

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ReadOnlyHandle {
  db: Database.Database;
  /** Opened `immutable=1`: the folder or the file is not writable. */
  immutable: boolean;
}

/** Opens an existing store (absolute path) so that reading it changes nothing on disk. */
export function openStoreReadOnly(absolute: string): ReadOnlyHandle {
  if (writable(dirname(absolute)) && writable(absolute)) {
    const db = new Database(absolute, { fileMustExist: true });
    try {
      db.pragma('query_only = ON');
    } catch (error) {
      db.close();
      throw error;
    }
    return { db, immutable: false };
  }
  const db = new Database(`${pathToFileURL(absolute).href}?immutable=1`, { readonly: true, fileMustExist: true });
  return { db, immutable: true };
}
