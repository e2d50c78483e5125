/**
 * Whether a process still runs (signal 0 probes without touching it; EPERM means it runs under
 * another user). Used to tell stale leftovers from live ones: LibreOffice temp profiles, the
 * store's run records.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
