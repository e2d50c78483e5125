import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  /** One usage line for the overall help. */
  usage: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 findings of severity error, 2 usage/internal). */
  run(args: string[]): Promise<number>;
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: T & { help: { type: 'boolean'; short: 'h' } } }>>;

/**
 * Every command's first steps: parse its options (plus `-h, --help`), print the help when asked
 * (exit 0) or the parse error with the help (exit 2). A number is the exit code to return now.
 */
export function parseCommandLine<T extends Options>(name: string, help: string, args: string[], options: T): Parsed<T> | number {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as Parsed<T>;
  } catch (error) {
    process.stderr.write(`budgetlint ${name}: ${error instanceof Error ? error.message : String(error)}\n\n${help}\n`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  return parsed;
}
