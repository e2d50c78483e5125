/** The output formats of `budgetlint check`, by name; a new format is one module and one entry here. */
import type { Report } from '../../model/result.js';
import { formatCsv } from './csv.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';

export interface FormatOptions {
  /** ANSI colours (stylish on a terminal, without NO_COLOR). */
  color: boolean;
}

export const FORMATS: Record<string, (report: Report, options: FormatOptions) => string> = {
  stylish: formatStylish,
  json: (report) => `${JSON.stringify(report, null, 2)}\n`,
  csv: formatCsv,
  junit: formatJunit,
  sarif: formatSarif,
};

export const FORMAT_NAMES = Object.keys(FORMATS);
