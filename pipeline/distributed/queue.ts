/**
 * The job queue of distributed runs: pg-boss 10, whose jobs live in the same PostgreSQL as the
 * results (schema `budgetlint_queue`), so nothing else has to run. One job per content and
 * fingerprint: its id is derived from both, and pg-boss inserts a job whose id exists as nothing,
 * so a file enqueued twice, by two runs or two machines, is processed once while its job lives.
 * (A job kept past pg-boss's retention is archived; a later send makes a new job, which finds
 * the stored document and only records it.) Jobs that fail on every try go to a dead-letter
 * queue, where a worker turns them into the file's error record.
 */
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { z } from 'zod';

export const FILE_QUEUE = 'budgetlint-files';
export const FAILED_QUEUE = 'budgetlint-files-failed';
const QUEUE_SCHEMA = 'budgetlint_queue';

/** Tries per file: the first and this many retries (a worker crash or a time limit hit each time). */
export const DEFAULT_RETRY_LIMIT = 2;

/** What a job carries: enough for a worker on another machine, with the run's settings read from the store. */
export const FileJobSchema = z.object({
  runId: z.number().int().positive(),
  path: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().nonnegative().optional(),
  mtimeMs: z.number().optional(),
  fingerprint: z.string().min(1),
  /** The bytes are in the store's blobs table (run --upload). */
  uploaded: z.boolean(),
});
export type FileJob = z.infer<typeof FileJobSchema>;

/** The job id of a content under a fingerprint: a UUID made of their hash (RFC 4122 layout, version 8). */
export function jobIdOf(sha256: string, fingerprint: string): string {
  const hex = createHash('sha256').update(`${sha256}:${fingerprint}`).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface QueueOptions {
  /** How often this process checks for expired jobs (a killed worker's) and archives old ones. */
  maintenanceSeconds?: number;
  /** Whether this process does that at all (the enqueuing side without work needs not). */
  supervise?: boolean;
  onError?: (error: Error) => void;
}

function maintenanceSeconds(options: QueueOptions): number {
  const fromEnv = Number(process.env.BUDGETLINT_QUEUE_MAINTENANCE_SECONDS);
  return options.maintenanceSeconds ?? (Number.isFinite(fromEnv) && fromEnv >= 1 ? fromEnv : 15);
}

/** Starts pg-boss on the store's database (creating or upgrading its schema) and makes sure both queues exist. */
export async function openQueue(url: string, options: QueueOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    schema: QUEUE_SCHEMA,
    max: 4,
    supervise: options.supervise ?? true,
    schedule: false,
    maintenanceIntervalSeconds: maintenanceSeconds(options),
    application_name: 'budgetlint',
  });
  // Without a listener pg-boss's errors (a lost connection while PostgreSQL restarts) would crash the process.
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  await boss.createQueue(FAILED_QUEUE, { name: FAILED_QUEUE, retryLimit: 5, retryDelay: 5 });
  await boss.createQueue(FILE_QUEUE, { name: FILE_QUEUE, policy: 'standard', retryLimit: DEFAULT_RETRY_LIMIT, deadLetter: FAILED_QUEUE });
  return boss;
}

/**
 * Sends a file's job; false when a job with this id exists already (the content is queued,
 * being worked on, or done). A job that failed for good is given its tries again: this run asked
 * for the file anew.
 */
export async function sendFileJob(boss: PgBoss, job: FileJob, options: { expireInSeconds: number; retryLimit?: number }): Promise<boolean> {
  const id = jobIdOf(job.sha256, job.fingerprint);
  const sent = await boss.send(FILE_QUEUE, job, {
    id,
    expireInSeconds: options.expireInSeconds,
    retryLimit: options.retryLimit ?? DEFAULT_RETRY_LIMIT,
    deadLetter: FAILED_QUEUE,
  });
  if (sent !== null) return true;
  const existing = await boss.getJobById(FILE_QUEUE, id);
  if (existing?.state === 'failed') {
    await boss.deleteJob(FILE_QUEUE, id);
    return (await boss.send(FILE_QUEUE, job, { id, expireInSeconds: options.expireInSeconds, retryLimit: options.retryLimit ?? DEFAULT_RETRY_LIMIT, deadLetter: FAILED_QUEUE })) !== null;
  }
  return false;
}
