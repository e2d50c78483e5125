import type { Command } from './types.js';
import { checkCommand } from './check.js';

/** Every subcommand, by name. */
export const commands: Record<string, Command> = {
  check: checkCommand,
};
