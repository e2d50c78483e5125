/** The wording families' property generators at 5,000 cases each: recall, false alarms, coverage. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const title = 'Wording families (clause grammar), 5,000 generated cases each';

export async function run({ root }) {
  const runs = process.env.WORDING_RUNS ?? '5000';
  return execFileSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'bench/wordings.ts'), runs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
}
