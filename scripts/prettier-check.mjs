// Prettier over the same files as the strict lint (eslint.config.js NEW_LAYER): one list, kept in one place.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { NEW_LAYER } from '../eslint.config.js';

const prettier = createRequire(import.meta.url).resolve('prettier/bin/prettier.cjs');
const result = spawnSync(process.execPath, [prettier, '--check', ...NEW_LAYER], { stdio: 'inherit' });
process.exit(result.status ?? 1);
