import type { Command } from './types.js';
import { checkCommand } from './check.js';
import { runCommand } from './run.js';
import { exportCommand } from './export.js';
import { reportCommand } from './report.js';
import { statusCommand, workerCommand } from './distributed.js';

/** Every subcommand, by name. */
export const commands: Record<string, Command> = {
  check: checkCommand,
  run: runCommand,
  export: exportCommand,
  report: reportCommand,
  worker: workerCommand,
  status: statusCommand,
};
