// Every row of the README's exit-code table is what the binary does: one real run per row, the
// spawned binary's exit code compared with the row and with result.json. A row added to the table
// without a case here fails the test (and so does a case whose row is gone).

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/helpers.js';
import { runBin, spawnBin, waitFor } from '../helpers/spawn-bin.js';

const root = mkdtempSync(join(tmpdir(), 'dowdrill-exit-'));
let server: Server;
let url = '';
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    req.resume();
    setTimeout(() => res.writeHead(200).end('ok'), req.url?.startsWith('/slow') ? 3000 : 2);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The README's table: code → meaning. */
function readmeRows(): Map<number, string> {
  const rows = new Map<number, string>();
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Exit codes'));
  for (const m of section.matchAll(/^\| (\d+)\s+\| (.+?)\s*\|$/gm)) rows.set(Number(m[1]), m[2] ?? '');
  return rows;
}

let n = 0;
function scenario(body: string): string {
  const file = join(root, `s${n++}.yaml`);
  writeFileSync(file, `version: 1\nname: exit-code-row\n${body}`);
  return file;
}

const lowTraffic = (target: string) => `target: { url: "${target}/", allowedHosts: [127.0.0.1] }
traffic:
  phases: [{ type: constant, rate: 20/s, duration: 1s }]
safety: { maxRequests: 100, maxDuration: 20s }
`;

/** Runs `dowdrill run` on the file, with --out; returns the exit code and result.json's. */
async function run(
  file: string,
): Promise<{ code: number | null; resultCode: number | null; stderr: string }> {
  const out = mkdtempSync(join(root, 'out-'));
  const r = await runBin(['run', file, '--quiet', '--out', out]);
  let resultCode: number | null = null;
  try {
    resultCode = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).exitCode;
  } catch {
    resultCode = null;
  }
  return { code: r.code, resultCode, stderr: r.stderr };
}

const CASES: Record<number, { how: string; check: () => Promise<void> }> = {
  0: {
    how: 'a budget the projected attack stays under',
    check: async () => {
      const r = await run(scenario(`${lowTraffic(url)}expect: { budget: { perMonth: 1000000 } }\n`));
      expect(r, r.stderr).toMatchObject({ code: 0, resultCode: 0 });
    },
  },
  1: {
    how: 'a budget the projected attack breaks',
    check: async () => {
      const r = await run(scenario(`${lowTraffic(url)}expect: { budget: { perMonth: 0.0000001 } }\n`));
      expect(r, r.stderr).toMatchObject({ code: 1, resultCode: 1 });
    },
  },
  2: {
    how: 'an invalid scenario: nothing is sent',
    check: async () => {
      const before = hits;
      const r = await run(scenario(`${lowTraffic(url)}expect: { rateLimit: { rate: fast } }\n`));
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/expect\.rateLimit\.rate/);
      expect(hits).toBe(before);
    },
  },
  3: {
    how: 'a target that refuses every connection',
    check: async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as AddressInfo).port;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const r = await run(
        scenario(`${lowTraffic(`http://127.0.0.1:${port}`)}expect: { budget: { perMonth: 1 } }\n`),
      );
      expect(r, r.stderr).toMatchObject({ code: 3, resultCode: 3 });
    },
  },
  4: {
    how: 'a drill with no expectation: nothing was tested',
    check: async () => {
      const r = await run(scenario(lowTraffic(url)));
      expect(r, r.stderr).toMatchObject({ code: 4, resultCode: 4 });
    },
  },
  130: {
    how: 'a second Ctrl-C stops at once',
    check: async () => {
      const file = scenario(`target: { url: "${url}/slow", allowedHosts: [127.0.0.1] }
traffic:
  phases: [{ type: constant, rate: 20/s, duration: 5s }]
safety: { maxRequests: 200, maxDuration: 20s }
`);
      const before = hits;
      const p = spawnBin(['run', file, '--quiet']);
      expect(await waitFor(() => hits > before, 10_000)).toBe(true);
      p.child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 100));
      p.child.kill('SIGINT');
      const exit = await p.exitWithin(5000);
      expect(exit?.code).toBe(130);
    },
  },
};

describe("the README's exit-code table", () => {
  const rows = readmeRows();

  it('has rows 0–4, and a case here for every row', () => {
    expect([...rows.keys()].slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    for (const code of rows.keys())
      expect(Object.keys(CASES), `no case for row ${code}`).toContain(String(code));
  });

  it.each([...rows.entries()].filter(([code]) => code in CASES))('row %i (%s)', async (code) => {
    await CASES[code]?.check();
  });
});

describe('an interrupted quickstart', () => {
  it('Ctrl-C 3 s in: exit 4 with partial reports, the budget not judged from the partial run', async () => {
    const out = mkdtempSync(join(root, 'quick-'));
    const p = spawnBin(['run', 'scenarios/quickstart.yaml', '--quiet', '--out', out, '--report', 'md,junit']);
    await new Promise((r) => setTimeout(r, 3000));
    p.child.kill('SIGINT');
    const exit = await p.exitWithin(10_000);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'));
    expect(result.partial).toBe(true);
    expect(result.stopReason).toBe('interrupted');
    expect(exit?.code, p.stderr()).toBe(4);
    expect(result.exitCode).toBe(4);
    const budgets = result.verdicts.filter((v: { id: string }) => v.id.startsWith('budget.'));
    expect(budgets.length).toBeGreaterThan(0);
    for (const b of budgets) {
      expect(b.status).toBe('inconclusive');
      expect(b.detail).toMatch(/^Projected from a partial run/);
    }
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/partial/i);
  });
});
