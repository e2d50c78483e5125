/**
 * budgetlint's own outputs are never its inputs: every HTML review report carries a generator
 * meta tag and every report folder a mark file, and folder walks (pipeline/files.ts) skip both,
 * so `run .` → `report` → `run .` does not read the report's pages and images as documents.
 */

/** The start of the tag in the head of every HTML report; walks look for it in the first 4 KB. */
export const HTML_GENERATOR_MARK = '<meta name="generator" content="budgetlint';

/** The file `budgetlint report` puts in its folder (hidden, so it lists nowhere). */
export const REPORT_FOLDER_MARK = '.budgetlint-report';

/** The tag itself, with the version that wrote the page. */
export function generatorMeta(version: string): string {
  return `${HTML_GENERATOR_MARK} ${version.replace(/[^\w.+-]/g, '')}">`;
}
