// Identities from a CSV file: the column read, quoted fields kept whole, the values secret.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenario/load.js';
import { csvColumn } from '../../../src/scenario/load-identities.js';
import { InvalidInputError } from '../../../src/scenario/problems.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-ids-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const scenario = (source: string) =>
  write(
    `s-${Math.random().toString(36).slice(2)}.yaml`,
    `name: t\nplatform: { provider: aws-lambda }\ntraffic:\n  phases: [{ type: constant, rate: 5/s, duration: 1s }]\n  identities: { count: 3, apiKey: ${source} }\n`,
  );

describe('csvColumn', () => {
  it.each<[string, string | undefined, string[] | RegExp]>([
    ['a\nb\n\nc\n', undefined, ['a', 'b', 'c']],
    ['a,1\r\nb,2\r\n', undefined, ['a', 'b']],
    ['id,key\n1,k1\n2,"k,2"\n3,"say ""hi"""\n', 'key', ['k1', 'k,2', 'say "hi"']],
    ['id,key\n1,k1\n', 'token', /no column "token" in the header row \(id, key\)/],
    ['\uFEFFkey\nk1\n', 'key', ['k1']],
  ])('%j column %s', (text, column, expected) => {
    const got = csvColumn(text, column);
    if (expected instanceof RegExp) expect(got).toMatch(expected);
    else expect(got).toEqual(expected);
  });
});

describe('identities: fromFile', () => {
  write('keys.csv', 'id,api_key\n1,key-a\n2,"key,b"\n3,key-c\n');

  it('reads the named column beside the scenario, and the values are secrets', () => {
    const { scenario: s } = loadScenario(scenario('{ fromFile: keys.csv, column: api_key }'), {});
    expect(s.identities?.fields[0]?.values).toEqual(['key-a', 'key,b', 'key-c']);
    expect(s.secrets).toEqual(expect.arrayContaining(['key-a', 'key,b', 'key-c']));
  });

  it.each([
    ['{ fromFile: missing.csv }', /missing\.csv cannot be read/],
    ['{ fromFile: keys.csv, column: nope }', /no column "nope"/],
    ['{ fromFile: keys.csv, values: [a] }', /cannot be combined with values or fromEnv/],
  ])('%s is refused with the reason', (source, message) => {
    let error: unknown;
    try {
      loadScenario(scenario(source), {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const problems = (error as InvalidInputError).problems;
    expect(problems.map((p) => p.message).join('\n')).toMatch(message);
    expect(problems[0]?.path).toEqual(['traffic', 'identities', 'apiKey', 'fromFile']);
  });
});
