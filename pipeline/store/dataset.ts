/**
 * What the export adds to each document beyond its stored row, from the run's documents seen
 * together (docs/dataset.md):
 * - publisher and region: as the document states them (title, field, text), else from its folder
 *   path and file name (`path`), else from the other documents of the same export (`inferred`):
 *   the same department named with a place elsewhere, or a folder whose other documents all lie in
 *   one region;
 * - kind and level, as stored in the document's meta;
 * - headline figures (headlines.ts).
 * The store's own columns are left as they were stored: this is read-side only.
 */
import { dirname } from 'node:path';
import { MetaSchema, type DocumentKind, type Meta, type Region } from '../../model/result.js';
import { departmentKey, preferredDepartmentName } from '../../normalizers/department-name.js';
import { publisherFromPath } from '../../normalizers/publisher.js';
import { resolveRegion } from '../../normalizers/region.js';
import { headlineRow, type HeadlineFact } from './headlines.js';
import type { DatabaseHandle } from './store.js';

/** Columns every table gets beside the department and region. */
export const PUBLISHER_COLUMNS = ['kind', 'level', 'department_source', 'region_source', 'department_key'];

/** A stored document as the export sees it: its row's publisher columns and its meta JSON. */
export interface SeenDocument {
  document_id: number;
  path: string;
  department: string | null;
  province: string | null;
  city: string | null;
  county: string | null;
  region_code: string | null;
  meta: string | null;
}

export interface PublisherColumns {
  department: string | null;
  province: string | null;
  city: string | null;
  county: string | null;
  region_code: string | null;
  kind: string | null;
  level: string | null;
  department_source: string | null;
  region_source: string | null;
  /** What every spelling of the department shares (normalizers/department-name.ts): documents of one department group on it. */
  department_key: string | null;
  publisher_note: string | null;
}

function parseMeta(text: string | null): Meta {
  if (!text) return {};
  try {
    const parsed = MetaSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

function regionColumns(region: Region | undefined): Pick<PublisherColumns, 'province' | 'city' | 'county' | 'region_code'> {
  return { province: region?.province ?? null, city: region?.city ?? null, county: region?.county ?? null, region_code: region?.code ?? null };
}

/** The one value all entries agree on, if there is one. */
function agreed<T>(values: T[], key: (value: T) => string): T | undefined {
  const keys = new Set(values.map(key));
  return keys.size === 1 ? values[0] : undefined;
}

/**
 * Each document's publisher columns, filled from its path and from the other documents where the
 * document itself does not say. A document seen at several paths is filled from the first.
 */
export function fillPublishers(seen: SeenDocument[]): Map<number, PublisherColumns> {
  const byId = new Map<number, SeenDocument>();
  for (const doc of [...seen].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) if (!byId.has(doc.document_id)) byId.set(doc.document_id, doc);
  const filled = new Map<number, PublisherColumns>();
  for (const [id, doc] of byId) {
    const meta = parseMeta(doc.meta);
    const columns: PublisherColumns = {
      department: doc.department,
      province: doc.province,
      city: doc.city,
      county: doc.county,
      region_code: doc.region_code,
      kind: meta.kind ?? null,
      level: meta.level ?? null,
      department_source: doc.department ? (meta.departmentSource ?? null) : null,
      region_source: doc.region_code ? (meta.regionSource ?? null) : null,
      department_key: null,
      publisher_note: meta.publisherNote ?? null,
    };
    if (!columns.department || !columns.region_code) {
      const fromPath = publisherFromPath(doc.path, resolveRegion);
      if (!columns.department && fromPath.department) Object.assign(columns, { department: fromPath.department, department_source: 'path' });
      if (!columns.region_code && fromPath.region) Object.assign(columns, regionColumns(fromPath.region), { region_source: 'path' });
      if (!columns.region_code && columns.department && columns.department_source === 'path') {
        const region = resolveRegion(columns.department);
        if (region?.code) Object.assign(columns, regionColumns(region), { region_source: 'path' });
      }
      if (columns.department && columns.region_code) columns.publisher_note = null;
    }
    filled.set(id, columns);
  }
  // Inferred from the others: the same department with a region, else the folder's one region;
  // a department only from a folder whose other documents all name the same one. Indexed by
  // folder and department, so a national run's export stays linear.
  const folderOf = new Map([...byId].map(([id, doc]) => [id, dirname(doc.path)]));
  const byFolder = new Map<string, number[]>();
  const byDepartment = new Map<string, number[]>();
  for (const [id, columns] of filled) {
    const folder = folderOf.get(id)!;
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), id]);
    if (columns.department && columns.region_code) byDepartment.set(departmentKey(columns.department), [...(byDepartment.get(departmentKey(columns.department)) ?? []), id]);
  }
  for (const [id, columns] of filled) {
    if (columns.department && columns.region_code) continue;
    const peers = (byFolder.get(folderOf.get(id)!) ?? []).filter((other) => other !== id).map((other) => filled.get(other)!);
    if (!columns.department) {
      const department = agreed(peers.filter((o) => o.department), (o) => o.department!);
      if (department) Object.assign(columns, { department: department.department, department_source: 'inferred' });
    }
    if (!columns.region_code) {
      const sameDepartment = columns.department ? (byDepartment.get(departmentKey(columns.department)) ?? []).filter((other) => other !== id).map((other) => filled.get(other)!) : [];
      const source = sameDepartment.length > 0 ? agreed(sameDepartment, (o) => o.region_code!) : agreed(peers.filter((o) => o.region_code), (o) => o.region_code!);
      if (source) Object.assign(columns, { province: source.province, city: source.city, county: source.county, region_code: source.region_code, region_source: 'inferred' });
    }
    if (columns.department && columns.region_code) columns.publisher_note = null;
  }
  // One department, one name: each document shows the fullest spelling its department is given in the
  // export (`中共江苏省委办公厅` for a title's `江苏省委办公厅`), and the key they share.
  const spellings = new Map<string, string[]>();
  for (const columns of filled.values()) {
    if (!columns.department) continue;
    const key = departmentKey(columns.department);
    const list = spellings.get(key);
    if (list) list.push(columns.department);
    else spellings.set(key, [columns.department]);
  }
  for (const columns of filled.values()) {
    if (!columns.department) continue;
    columns.department_key = departmentKey(columns.department);
    columns.department = preferredDepartmentName(spellings.get(columns.department_key)!) ?? columns.department;
  }
  return filled;
}

/** The documents the export shows, with their meta: run with the export's `chosen` CTE. */
export function seenDocuments(db: DatabaseHandle, chosen: { sql: string; params: unknown[] }): SeenDocument[] {
  return db.prepare(`WITH ${chosen.sql}
    SELECT d.id AS document_id, c.path, d.department, d.province, d.city, d.county, d.region_code, d.meta
    FROM chosen c JOIN documents d ON d.id = c.document_id`).all(...chosen.params) as SeenDocument[];
}

/** A facts or findings row with its document's filled publisher columns. */
export function withPublisher(row: Record<string, unknown>, filled: Map<number, PublisherColumns>): Record<string, unknown> {
  const columns = filled.get(Number(row.document_id));
  if (!columns) return row;
  const { publisher_note: _note, ...rest } = columns;
  return { ...row, ...rest };
}

/** The headline columns of one document, from its stored facts (only the department's own: a headline has no subject). */
export function documentHeadlines(db: DatabaseHandle, documentId: number, kind: string | null): Record<string, string | null> {
  const facts = db.prepare(`SELECT concept, funds, period, basis, value, label, subject, table_id, measure, disputed_by
    FROM facts WHERE document_id = ? AND subject = '' AND period = 'current' ORDER BY seq`).all(documentId) as HeadlineFact[];
  return headlineRow((kind ?? undefined) as DocumentKind | undefined, facts);
}
