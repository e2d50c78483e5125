#!/usr/bin/env node
/** budgetlint command line: `check` for a quick look, `run`/`export` for collections. */
import { EXIT_HELP } from './commands/analysis-options.js';
import { CHECK_OPTIONS_HELP } from './commands/check.js';
import { commands } from './commands/index.js';
import { userLevelMessage } from './safe-output.js';
import { TOOL_VERSION } from './version.js';

/** The overall help; the README's command-line section is this text (test/cli-conventions.test.ts compares them). */
export const USAGE = `budgetlint — 预算绩效自评报告数字核对工具

用法:
${Object.values(commands).map((command) => `  ${command.usage}`).join('\n')}
  budgetlint --version

check 的选项:
${CHECK_OPTIONS_HELP}

${EXIT_HELP}

运行 budgetlint <命令> --help 查看各命令的选项。`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`budgetlint: 未知命令 "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A full disk or a forbidden place is the machine's state, not a bug: one line, no stack.
    const userLevel = userLevelMessage(error);
    if (userLevel) {
      process.stderr.write(`budgetlint: ${userLevel}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`budgetlint: 内部错误：${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
