// `dowdrill --version` is the package's own version, wherever it is installed: yargs' default
// reads the package.json nearest the process (a consumer project's, 1.0.0 for a 0.1.0 package).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/version.js';
import { dowdrill, ROOT } from '../helpers/helpers.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const consumer = mkdtempSync(join(tmpdir(), 'dowdrill-consumer-'));
afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe('dowdrill --version', () => {
  it('VERSION is the version in package.json', () => {
    expect(VERSION).toBe(pkg.version);
  });

  it("prints the package's version, not the consumer project's", () => {
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '9.9.9' }));
    const r = dowdrill(['--version'], { cwd: consumer });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });
});
