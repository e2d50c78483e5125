/**
 * `budgetlint report`: a stored run as a folder — index.html, one page per document, and the
 * page images beside them (img/). The sources are read again from the paths the run saw (their
 * content checked against the stored SHA-256) to draw pages and paragraphs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileResult } from '../../model/result.js';
import { REPORT_FOLDER_MARK } from '../generator-mark.js';
import { writeFileAtomic } from '../safe-output.js';
import { formatHtmlDocument, formatHtmlIndex, type ReportEntry, type ReportInfo } from '../format/html.js';
import { applyDecisions } from '../decisions/decisions.js';
import { storedDecisions } from '../decisions/store.js';
import { fillPublishers, seenDocuments } from '../store/dataset.js';
import { chosenDocuments } from '../store/export.js';
import type { NewFinding, ResultStore } from '../store/store.js';
import { TOOL_VERSION } from '../version.js';
import { buildEntry } from './build.js';
import { PAGE_IMAGE_TYPE } from './images.js';

export interface RunReportOptions {
  runId: number;
  /** Only the findings this run found that the previous content of the same path did not have. */
  onlyNew?: boolean;
  outDir: string;
}

export interface RunReportSummary {
  /** Files listed: documents, copies and failures. */
  documents: number;
  /** Of those, files whose content another listed file holds too. */
  copies: number;
  findings: number;
  images: number;
}

function newKey(finding: Pick<NewFinding, 'path' | 'ruleId' | 'message' | 'page' | 'line' | 'column'>): string {
  return [finding.path, finding.ruleId, finding.message, finding.page, finding.line, finding.column].join('\u0000');
}

export async function writeRunReport(store: ResultStore, options: RunReportOptions): Promise<RunReportSummary> {
  const run = store.db.prepare<[number], { id: number; started_at: string; status: string }>('SELECT id, started_at, status FROM runs WHERE id = ?').get(options.runId);
  if (!run) throw new RunReportError(`结果库中没有第 ${options.runId} 次运行`);
  const chosen = chosenDocuments({ runId: options.runId });
  const rows = store.db.prepare(`WITH ${chosen.sql} SELECT document_id AS id, path FROM chosen ORDER BY path`).all(...chosen.params) as { id: number; path: string }[];
  const fresh = options.onlyNew ? new Set(store.newFindings(options.runId).map(newKey)) : undefined;
  // Department and region as the export fills them: from the path and the run's other documents where the document is silent.
  const filled = fillPublishers(seenDocuments(store.db, chosen));

  // Each finding shows its decision and who made it (decisions are kept in the store, by fingerprint).
  const decisions = storedDecisions(store.db);
  const results: FileResult[] = [];
  for (const row of rows) {
    const loaded = store.loadResult(row.id);
    if (!loaded) continue;
    const { status: _status, ...stored } = loaded;
    const result: FileResult = { ...stored, path: row.path };
    applyDecisions([result], decisions);
    const publisher = filled.get(row.id);
    // The run's one name for the department (its fullest spelling), so the index groups its documents together.
    if (publisher?.department) result.meta = { ...result.meta, department: publisher.department };
    if (publisher && !result.meta.region && publisher.region_code) {
      const region = { ...(publisher.province ? { province: publisher.province } : {}), ...(publisher.city ? { city: publisher.city } : {}), ...(publisher.county ? { county: publisher.county } : {}), code: publisher.region_code };
      result.meta = { ...result.meta, region };
    }
    if (fresh) {
      result.findings = result.findings.filter((f) => fresh.has(newKey({ ...f, path: row.path })));
      if (result.findings.length === 0) continue;
    }
    results.push(result);
  }
  // Files that yielded no document (unreadable, time limit): listed with their reason.
  if (!options.onlyNew) {
    const seen = new Set(rows.map((r) => r.path));
    for (const failure of store.failures(options.runId)) {
      if (seen.has(failure.path)) continue;
      results.push({ path: failure.path, meta: {}, facts: [], findings: [], notices: [], errors: [{ message: failure.message, ...(failure.code ? { code: failure.code } : {}) }] });
    }
  }

  // Copies: every other path with the same content, one row each, pointing at the first's page.
  const copies = store.db.prepare(`WITH ${chosen.sql}
    SELECT o.path AS path, c.path AS first FROM outcomes o JOIN chosen c ON c.document_id = o.document_id
    WHERE o.path <> c.path ORDER BY o.path`).all(...chosen.params) as { path: string; first: string }[];
  const listed = results.length + copies.filter((copy) => results.some((r) => r.path === copy.first)).length;
  const copyCount = listed - results.length;

  await mkdir(join(options.outDir, 'img'), { recursive: true });
  // The mark first: a walk of a half-written report folder skips it too.
  writeFileAtomic(join(options.outDir, REPORT_FOLDER_MARK), `budgetlint ${TOOL_VERSION}\n`);
  const info: ReportInfo = {
    title: `审阅报告：第 ${run.id} 次运行`,
    subtitle: `开始于 ${run.started_at.slice(0, 19).replace('T', ' ')} UTC · ${listed} 个文件${copyCount > 0 ? `（其中 ${copyCount} 个为副本）` : ''}${options.onlyNew ? ' · 仅显示本次运行的新发现' : ''}`,
    toolVersion: TOOL_VERSION,
  };
  const entries: ReportEntry[] = [];
  let images = 0;
  for (const [index, result] of results.entries()) {
    const id = String(index + 1);
    const entry = await buildEntry(id, { result }, async (image) => {
      const name = `img/doc-${id}-p${image.page}.${PAGE_IMAGE_TYPE.extension}`;
      writeFileAtomic(join(options.outDir, name), image.data);
      images++;
      return name;
    });
    entry.href = `doc-${id}.html`;
    writeFileAtomic(join(options.outDir, entry.href), formatHtmlDocument(entry, info, 'index.html'));
    // The index needs only the counts: drop what the document page already holds.
    delete entry.document;
    entry.images = [];
    entries.push(entry);
  }
  const withCopies: ReportEntry[] = [];
  let next = entries.length;
  for (const entry of entries) {
    withCopies.push(entry);
    for (const copy of copies.filter((c) => c.first === entry.result.path)) {
      withCopies.push({ ...entry, id: String(++next), result: { ...entry.result, path: copy.path }, copyOf: entry.result.path, notices: [] });
    }
  }
  writeFileAtomic(join(options.outDir, 'index.html'), formatHtmlIndex(withCopies, info));
  return { documents: listed, copies: copyCount, findings: results.reduce((n, r) => n + r.findings.length, 0), images };
}

export class RunReportError extends Error {}
