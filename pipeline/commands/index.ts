import type { Command } from './types.js';
import { checkCommand } from './check.js';
import { runCommand } from './run.js';
import { exportCommand } from './export.js';
import { reportCommand } from './report.js';
import { decisionsCommand } from './decisions.js';
import { statusCommand, workerCommand } from './distributed.js';

/** Every subcommand, by name. */
export const commands: Record<string, Command> = {
  check: checkCommand,
  run: runCommand,
  export: exportCommand,
  report: reportCommand,
  decisions: decisionsCommand,
  worker: workerCommand,
  status: statusCommand,
};
