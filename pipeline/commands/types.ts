import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface Command {
  /** One usage line for the overall help. */
  usage: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 findings that fail the run, 2 usage, input or internal). */
  run(args: string[]): Promise<number>;
}

/** A usage error: printed as one line, exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: T & { help: { type: 'boolean'; short: 'h' } } }>>;

/** node:util's parse errors (English) in Chinese; the option is quoted as the user typed it. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `未知选项 "${option}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message) ? `选项 ${option.split('=')[0]} 不接受值` : `选项 ${option} 需要一个值`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `多余的参数 "${/'([^']*)'/.exec(message)?.[1] ?? ''}"`;
    default:
      return `无法解析命令行`;
  }
}

/**
 * Every command's first steps: parse its options (plus `-h, --help`), print the help when asked
 * (exit 0) or the parse error in Chinese with the usage line (exit 2). A number is the exit code to return now.
 */
export function parseCommandLine<T extends Options>(name: string, usage: string, help: string, args: string[], options: T): Parsed<T> | number {
  let parsed: Parsed<T>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } }) as Parsed<T>;
  } catch (error) {
    process.stderr.write(`budgetlint ${name}: ${describeParseError(error)}\n用法: ${usage}\n运行 budgetlint ${name} --help 查看全部选项。\n`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  return parsed;
}

/** A positive number option, or undefined when not given. */
export function positiveNumber(value: string | undefined, name: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`${name} 需要${integer ? '正整数' : '正数'}，收到 "${value}"`);
  }
  return parsed;
}
