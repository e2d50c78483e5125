import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative, sep } from 'node:path';

function readPackage(): { name?: string; version?: string; dependencies?: Record<string, string> } | undefined {
  // package.json sits two levels up from dist/pipeline and one from pipeline/ (tests run the sources).
  for (const candidate of ['../../package.json', '../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string; dependencies?: Record<string, string> };
      if (parsed.name === 'budgetlint') return parsed;
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

const PACKAGE = readPackage();

export const TOOL_VERSION = PACKAGE?.version ?? '0.0.0';

/**
 * The two layers of the results store and the code each depends on (relative to the folder
 * that holds `pipeline/`: the project root for the sources, `dist/` when built).
 * - extraction (bytes → Document): the extractors and the Document model;
 * - analysis (Document → facts and findings): normalizers, analyzers, the rest of the model and
 *   the per-file glue. Normalizers belong here: they only read the Document, and a change to them
 *   changes facts and findings, never what was extracted, so it re-runs normalizing and rules only.
 * The package's dependencies count for both (pdfjs, tesseract.js, opencc-js…).
 */
export const LAYERS = {
  extractor: ['extractors', 'model/document'],
  rules: ['normalizers', 'analyzers', 'model', 'pipeline/process', 'pipeline/output'],
} as const;

export interface LayerVersions {
  extractor: string;
  rules: string;
}

function listFiles(root: string, entry: string, ext: string): string[] {
  const path = join(root, entry);
  try {
    const found: string[] = [];
    for (const item of readdirSync(path, { withFileTypes: true })) {
      if (item.isDirectory()) found.push(...listFiles(root, join(entry, item.name), ext));
      else if (item.name.endsWith(ext) && !item.name.endsWith(`.d${ext}`)) found.push(join(path, item.name));
    }
    return found;
  } catch {
    // Not a folder: a single module.
    try {
      readFileSync(`${path}${ext}`);
      return [`${path}${ext}`];
    } catch {
      return [];
    }
  }
}

/**
 * A layer's version: the SHA-256 (first 16 hex digits) of its files' paths and contents, so any
 * change to its code — a fix pulled, a rule edited — gives a new version without anyone bumping
 * one. `ext` is `.js` for the built files, `.ts` for the sources (tests, tsx).
 */
export function hashLayer(root: string, entries: readonly string[], ext: string, extra = ''): string {
  const hash = createHash('sha256').update(extra);
  const files = [...new Set(entries.flatMap((entry) => listFiles(root, entry, ext)))].sort();
  for (const file of files) {
    const content = readFileSync(file);
    hash.update(`${relative(root, file).split(sep).join('/')}\0${content.length}\0`).update(content);
  }
  return files.length === 0 ? `v${TOOL_VERSION}` : hash.digest('hex').slice(0, 16);
}

let cached: LayerVersions | undefined;

/** The versions of this build's layers, computed once (about 2 ms per hundred files). */
export function layerVersions(): LayerVersions {
  if (cached) return cached;
  const here = fileURLToPath(import.meta.url);
  const ext = here.endsWith('.ts') ? '.ts' : '.js';
  const root = fileURLToPath(new URL('../', import.meta.url));
  const dependencies = JSON.stringify(PACKAGE?.dependencies ?? {});
  cached = {
    extractor: hashLayer(root, LAYERS.extractor, ext, dependencies),
    rules: hashLayer(root, LAYERS.rules, ext, dependencies),
  };
  return cached;
}
