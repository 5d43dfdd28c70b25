// Whole drills from a scenario document: written to a temporary YAML file, loaded like a user's,
// run through runDrill (the same pipeline as `dowdrill run`).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runDrill } from '../../src/drill.js';
import type { RunReport } from '../../src/model.js';
import { loadScenario } from '../../src/scenario/load.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-drillfile-'));
let n = 0;

export function writeScenario(doc: Record<string, unknown>): string {
  const file = join(dir, `s${n++}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

export async function drillDoc(doc: Record<string, unknown>): Promise<RunReport> {
  const file = writeScenario(doc);
  const { scenario } = loadScenario(file, {});
  return runDrill({ scenario, file });
}

/** A URL target on loopback with the given phases and expectations. */
export function urlDrill(url: string, traffic: Record<string, unknown>, expect?: Record<string, unknown>) {
  return {
    version: 1,
    name: 'loopback-drill',
    target: { url, allowedHosts: ['127.0.0.1'] },
    traffic,
    ...(expect ? { expect } : {}),
    safety: { maxRequests: 5000, maxDuration: '60s' },
  };
}
