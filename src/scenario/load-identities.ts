// Identity values from a CSV file (`fromFile: keys.csv`, optionally `column: api_key`): read at
// the file edge, beside the scenario, into the written `values`, so normalising stays pure and the
// values are secrets like any listed ones. Quoted CSV fields ("a,b", "say ""hi""") are read.

import { dirname, isAbsolute, join } from 'node:path';
import { readCapped } from './document.js';
import { MAX_IDENTITY_VALUES } from './limits.js';
import { InvalidInputError, type Problem } from './problems.js';
import type { ScenarioWritten } from './scenario-schema.js';

const MAX_CSV_BYTES = 16 * 1_048_576;
const SOURCES = ['apiKey', 'bearerToken', 'forwardedFor', 'userAgent'] as const;

/** Fills `values` of every identity source that names a file; problems thrown together (exit 2). */
export function readIdentityFiles(w: ScenarioWritten, scenarioFile: string): void {
  const ids = w.traffic?.identities;
  if (!ids) return;
  const problems: Problem[] = [];
  for (const key of SOURCES) {
    const src = ids[key];
    if (!src?.fromFile) continue;
    const path = ['traffic', 'identities', key, 'fromFile'];
    const problem = (message: string, fix: string) =>
      problems.push({ severity: 'error', rule: 'identity-file', path, message, fix, file: scenarioFile });
    if (src.values || src.fromEnv) {
      problem('fromFile cannot be combined with values or fromEnv', 'keep one source of values');
      continue;
    }
    const file = isAbsolute(src.fromFile) ? src.fromFile : join(dirname(scenarioFile), src.fromFile);
    try {
      const text = readCapped(file, MAX_CSV_BYTES, (message, fix) => {
        throw new InvalidInputError([
          { severity: 'error', rule: 'identity-file', path, message: `${src.fromFile} ${message}`, fix },
        ]);
      }).toString('utf8');
      const values = csvColumn(text, src.column);
      if (typeof values === 'string') problem(values, `check the header row of ${src.fromFile}`);
      else if (values.length === 0) problem(`${src.fromFile} holds no values`, 'write one value a row');
      else if (values.length > MAX_IDENTITY_VALUES)
        problem(
          `${src.fromFile} holds ${values.length} values, above the ${MAX_IDENTITY_VALUES} allowed`,
          'shorten the file',
        );
      else src.values = values;
    } catch (e) {
      if (!(e instanceof InvalidInputError)) throw e;
      problems.push(...e.problems.map((p) => ({ ...p, file: scenarioFile })));
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
}

/** The values of one column (the first, or the one headed `column`); a string says what is wrong. */
export function csvColumn(text: string, column?: string): string[] | string {
  const rows = parseCsv(text.replace(/^\uFEFF/, '')).filter((r) => r.some((c) => c.trim() !== ''));
  let index = 0;
  if (column !== undefined) {
    const header = rows.shift() ?? [];
    index = header.map((h) => h.trim()).indexOf(column);
    if (index < 0) return `no column "${column}" in the header row (${header.join(', ')})`;
  }
  return rows.map((r) => (r[index] ?? '').trim()).filter((v) => v !== '');
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
