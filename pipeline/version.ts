import { readFileSync } from 'node:fs';

function readVersion(): string {
  // package.json sits two levels up from dist/pipeline and one from pipeline/ (tests run the sources).
  for (const relative of ['../../package.json', '../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (parsed.name === 'budgetlint' && parsed.version) return parsed.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}

export const TOOL_VERSION = readVersion();
