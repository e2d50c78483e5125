export interface Command {
  /** One usage line for the overall help. */
  usage: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 findings of severity error, 2 usage/internal). */
  run(args: string[]): Promise<number>;
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}
