// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the rows hold ${...} references as users write them, on purpose
// A newcomer's first hour (issue 14), one row per thing a k6 or Artillery user writes: the real
// bin is spawned on each, and the row holds what was written, the exit code and the message with
// its fix. Nothing here sends traffic: every command is validate, plan, cost or a refused run.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStackTrace, ROOT } from '../helpers/helpers.js';
import { runBin } from '../helpers/spawn-bin.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-newcomer-'));
let n = 0;
/** Writes `text` to a fresh file and returns its path. */
const file = (text: string, ext = 'yaml') => {
  const p = join(dir, `row-${++n}.${ext}`);
  writeFileSync(p, text);
  return p;
};

const PLATFORM = 'platform: { provider: aws-lambda, gateway: api-gateway-rest }\n';
const PHASE = '    - { type: constant, rate: 10/s, duration: 1s }\n';
/** A valid scenario with one request whose `line` is given (a YAML flow mapping). */
const withRequest = (line: string) =>
  `name: t\n${PLATFORM}traffic:\n  phases:\n${PHASE}  requests:\n    - ${line}\n`;
/** A valid scenario with the phases given (YAML list items, one a line). */
const withPhases = (...phases: string[]) =>
  `name: t\n${PLATFORM}traffic:\n  phases:\n${phases.map((p) => `    - ${p}\n`).join('')}`;
/** A valid scenario plus an `expect` block (flow mapping). */
const withExpect = (expectBlock: string) =>
  `name: t\n${PLATFORM}traffic:\n  phases:\n    - { type: constant, rate: 50/s, duration: 1s }\nexpect: ${expectBlock}\n`;
const quickstart = join(ROOT, 'scenarios/quickstart.yaml');
const csv = join(dir, 'keys.csv');
writeFileSync(csv, 'id,key\n1,key-a\n2,key-b\n');

interface Row {
  /** What the user wrote or typed. */
  wrote: string;
  args: () => string[];
  code: number;
  /** Each must match stdout + stderr. */
  says: RegExp[];
}

const validate =
  (text: string, ext = 'yaml') =>
  () => ['validate', file(text, ext)];

const rows: Row[] = [
  // 1. Templates and environment references are parsed, not passed through.
  {
    wrote: 'header {{ $processEnvironment.API_TOKEN }} (Artillery)',
    args: validate(withRequest("headers: { authorization: 'Bearer {{ $processEnvironment.API_TOKEN }}' }")),
    code: 2,
    says: [
      /\.yaml:7:\d+ error traffic\.requests\[0\]\.headers\.authorization: \{\{ \$processEnvironment\.API_TOKEN \}\} is not a dowdrill template/,
      /Fix: did you mean \$\{env:API_TOKEN\}\?/,
    ],
  },
  {
    wrote: 'header ${API_TOKEN} (shell)',
    args: validate(withRequest("headers: { authorization: 'Bearer ${API_TOKEN}' }")),
    code: 2,
    says: [/\$\{API_TOKEN\} is not a dowdrill reference/, /Fix: did you mean \$\{env:API_TOKEN\}\?/],
  },
  {
    wrote: 'header $TRACE_ID (shell)',
    args: validate(withRequest("headers: { x-trace: '$TRACE_ID' }")),
    code: 2,
    says: [/headers\.x-trace: \$TRACE_ID looks like a shell variable/, /did you mean \$\{env:TRACE_ID\}\?/],
  },
  {
    wrote: 'header ${__ENV.TOKEN} (k6)',
    args: validate(withRequest("headers: { x-token: '${__ENV.TOKEN}' }")),
    code: 2,
    says: [/\$\{__ENV\.TOKEN\} is not a dowdrill reference/, /did you mean \$\{env:TOKEN\}\?/],
  },
  {
    wrote: 'path /a/{{$randomString}} (Artillery)',
    args: validate(withRequest("path: '/a/{{$randomString}}'")),
    code: 2,
    says: [
      /traffic\.requests\[0\]\.path: unknown template \{\{\$randomString\}\}: the templates are \{\{seq\}\}, \{\{randomId\}\}, \{\{identity\}\}, \{\{phase\}\}/,
      /did you mean \{\{randomId\}\}\?/,
    ],
  },
  {
    wrote: 'path /orders/{{seqq}} (a typo)',
    args: validate(withRequest("path: '/orders/{{seqq}}'")),
    code: 2,
    says: [/unknown template \{\{seqq\}\}/, /did you mean \{\{seq\}\}\?/],
  },
  {
    wrote: 'body { id: "{{ uuid }}" }',
    args: validate(withRequest("body: { id: '{{ uuid }}' }")),
    code: 2,
    says: [
      /traffic\.requests\[0\]\.body\.id: unknown template \{\{uuid\}\}/,
      /did you mean \{\{randomId\}\}\?/,
    ],
  },
  {
    wrote: 'header ${env:1X} (not a name)',
    args: validate(withRequest("headers: { x-a: '${env:1X}' }")),
    code: 2,
    says: [/\$\{env:1X\} is not a valid reference/, /NAME in letters, digits and _/],
  },
  {
    wrote: 'body with $gt and "costs $5" (not references)',
    args: validate(withRequest("body: { q: '$gt', note: 'costs $5' }")),
    code: 0,
    says: [/^ok /m],
  },
  {
    wrote: 'header ${env:HOME} (the dowdrill form)',
    args: validate(withRequest("headers: { x-home: '${env:HOME}' }")),
    code: 0,
    says: [/^ok /m],
  },
  // 2. Messages that say how to fix.
  {
    wrote: 'a phase with neither type nor rate',
    args: validate(withPhases('{ from: 1/s, to: 5/s, duration: 1s }')),
    code: 2,
    says: [
      /traffic\.phases\[0\]\.type: "type" is missing: each entry here needs one of constant, ramp, spike, step, pause/,
      /Fix: write type: constant \(with rate, duration\); or type: ramp \(with from, to, duration\)/,
    ],
  },
  {
    wrote: 'type: constnt',
    args: validate(withPhases('{ type: constnt, rate: 1/s, duration: 1s }')),
    code: 2,
    says: [/type "constnt" is not one of constant, ramp, spike, step, pause: did you mean "constant"\?/],
  },
  {
    wrote: 'status: 429 (one status, not a list)',
    args: validate(withExpect('{ rateLimit: { rate: 5/s, burst: 5, status: 429 } }')),
    code: 0,
    says: [/^ok /m],
  },
  {
    wrote: 'concurrency: 10',
    args: validate(withExpect('{ concurrency: 10 }')),
    code: 2,
    says: [
      /expect\.concurrency: expected an object with keys max, tolerance, got number 10/,
      /Fix: write e\.g\. concurrency: \{ max: 10 \}/,
    ],
  },
  {
    wrote: 'a ramp without from',
    args: validate(withPhases('{ type: ramp, to: 10/s, duration: 1s }')),
    code: 2,
    says: [
      /traffic\.phases\[0\]\.from: "from" is missing \(Rate at the start of the ramp/,
      /Fix: add from: 100\/s/,
    ],
  },
  {
    wrote: 'a step without to',
    args: validate(withPhases('{ type: step, from: 1/s, steps: 3, duration: 3s }')),
    code: 2,
    says: [/traffic\.phases\[0\]\.to: "to" is missing \(Rate of the last step/, /Fix: add to: 100\/s/],
  },
  {
    wrote: 'expect.timeout without after',
    args: validate(withExpect('{ timeout: { status: [504] } }')),
    code: 2,
    says: [
      /expect\.timeout\.after: "after" is missing \(No request may be served later than this/,
      /add after: 30s/,
    ],
  },
  {
    wrote: 'traffic.request (singular)',
    args: validate(`name: t\n${PLATFORM}traffic:\n  phases:\n${PHASE}  request:\n    - { path: / }\n`),
    code: 2,
    says: [
      /traffic\.request: unknown key "request": did you mean "requests"\?/,
      /Fix: rename it to requests/,
    ],
  },
  {
    wrote: 'expect.rate_limit (snake case)',
    args: validate(withExpect('{ rate_limit: { rate: 5/s, burst: 5 } }')),
    code: 2,
    says: [/expect\.rate_limit: unknown key "rate_limit": did you mean "rateLimit"\?/],
  },
  {
    wrote: 'rateLimit.brust (a transposition)',
    args: validate(withExpect('{ rateLimit: { rate: 5/s, brust: 5 } }')),
    code: 2,
    says: [/expect\.rateLimit\.brust: unknown key "brust": did you mean "burst"\?/, /rename it to burst/],
  },
  {
    wrote: 'arrivalRate in a phase (Artillery)',
    args: validate(withPhases('{ type: constant, arrivalRate: 10, duration: 1s }')),
    code: 2,
    says: [/unknown key "arrivalRate": did you mean "rate"\?/, /"rate" is missing/],
  },
  {
    wrote: 'traffic.stages (k6)',
    args: validate(`name: t\n${PLATFORM}traffic:\n  stages:\n${PHASE}`),
    code: 2,
    says: [/traffic\.stages: unknown key "stages": did you mean "phases"\?/],
  },
  {
    wrote: 'rampTo in a ramp (Artillery)',
    args: validate(withPhases('{ type: ramp, from: 1/s, rampTo: 10/s, duration: 1s }')),
    code: 2,
    says: [/unknown key "rampTo": did you mean "to"\?/],
  },
  {
    wrote: 'expecct: (misspelt parent) with a bad rate under it',
    args: validate(
      `name: t\n${PLATFORM}traffic:\n  phases:\n${PHASE}expecct:\n  rateLimit: { rate: fast }\n`,
    ),
    code: 2,
    says: [
      /expecct: unknown key "expecct": did you mean "expect"\?/,
      /expecct\.rateLimit\.rate: expected a rate/,
    ],
  },
  {
    wrote: 'an unknown key with no close match',
    args: validate(withExpect('{ zzzz: 1 }')),
    code: 2,
    says: [
      /unknown key "zzzz"\. Fix: remove it or check its spelling; the keys here are rateLimit, rateLimits, timeout/,
    ],
  },
  {
    wrote: 'a bad duration "fast"',
    args: validate(withPhases('{ type: constant, rate: 1/s, duration: fast }')),
    code: 2,
    says: [/expected a duration such as "30s", "1m30s"/, /Fix: write e\.g\. duration: 30s/],
  },
  // 3. Habits that are unambiguous just work.
  {
    wrote: 'a phase with rate and duration, no type',
    args: () => ['plan', file(withPhases('{ rate: 10/s, duration: 2s }')), '--json'],
    code: 0,
    says: [/"kind": "constant"/],
  },
  {
    wrote: 'duration: 1m30s',
    args: () => ['plan', file(withPhases('{ type: constant, rate: 1/s, duration: 1m30s }')), '--json'],
    code: 0,
    says: [/"durationMs": 90000/],
  },
  {
    wrote: 'duration: 1 minute',
    args: () => ['plan', file(withPhases('{ type: constant, rate: 1/s, duration: 1 minute }')), '--json'],
    code: 0,
    says: [/"durationMs": 60000/],
  },
  {
    wrote: 'rate: 100 rps',
    args: () => ['plan', file(withPhases('{ type: constant, rate: 100 rps, duration: 1s }')), '--json'],
    code: 0,
    says: [/"fromRatePerSec": 100\b/],
  },
  {
    wrote: 'rate: 100/sec',
    args: () => ['plan', file(withPhases('{ type: constant, rate: 100/sec, duration: 1s }')), '--json'],
    code: 0,
    says: [/"fromRatePerSec": 100\b/],
  },
  {
    wrote: 'emulator throttle rate: 100/s, function timeout: 3s, memory: 512MB',
    args: validate(
      `name: t\n${PLATFORM}target:\n  emulator:\n    gateway: { throttle: { rate: 100/s, burst: 50 } }\n    function: { timeout: 3s, memory: 512MB }\ntraffic:\n  phases:\n${PHASE}`,
    ),
    code: 0,
    says: [/^ok /m],
  },
  {
    wrote: 'cost --sweep memory=128MB..3GB',
    args: () => [
      'cost',
      file(withPhases('{ type: constant, rate: 5/s, duration: 1s }')),
      '--sweep',
      'memory=128MB..3GB',
      '--points',
      '2',
    ],
    code: 0,
    says: [/3,072 MB/],
  },
  {
    wrote: 'cost --sweep memory=128MB..20GB (above Lambda)',
    args: () => [
      'cost',
      file(withPhases('{ type: constant, rate: 5/s, duration: 1s }')),
      '--sweep',
      'memory=128MB..20GB',
    ],
    code: 2,
    says: [/cannot read the range "128MB\.\.20GB" for memory/, /memory=128MB\.\.3GB/],
  },
  // 4. validate knows everything run refuses.
  {
    wrote: 'url: ftp://…',
    args: validate(
      `name: t\n${PLATFORM}target: { url: "ftp://127.0.0.1/", allowedHosts: [127.0.0.1] }\ntraffic:\n  phases:\n${PHASE}`,
    ),
    code: 2,
    says: [/target\.url: ftp:\/\/ is not supported/, /write an http:\/\/ or https:\/\/ URL/],
  },
  {
    wrote: 'a 0s phase',
    args: validate(withPhases('{ type: constant, rate: 1/s, duration: 0s }')),
    code: 2,
    says: [/traffic\.phases\[0\]\.duration: a constant phase of 0s lasts no time/, /duration above 0/],
  },
  {
    wrote: 'a 0/s rate',
    args: validate(withPhases('{ type: spike, rate: 0/s, duration: 1s }')),
    code: 2,
    says: [/traffic\.phases\[0\]\.rate: a spike phase at 0\/s sends nothing/, /use type: pause/],
  },
  {
    wrote: 'url and emulator together',
    args: validate(
      `name: t\n${PLATFORM}target: { url: "http://127.0.0.1:9/", allowedHosts: [127.0.0.1], emulator: {} }\ntraffic:\n  phases:\n${PHASE}`,
    ),
    code: 2,
    says: [/target\.emulator: target has both url and emulator/, /remove emulator to drill the url/],
  },
  {
    wrote: 'a plan whose drill spend is over maxDrillSpendUsd',
    args: validate(
      `${withPhases('{ type: constant, rate: 2000/s, duration: 60s }')}safety: { maxRequests: 1000000, maxDrillSpendUsd: 0.01 }\n`,
    ),
    code: 2,
    says: [
      /safety\.maxDrillSpendUsd: the plan's drill would cost \$0\.\d\d/,
      /raise safety\.maxDrillSpendUsd/,
    ],
  },
  {
    wrote: 'JSON with a trailing comma',
    args: validate(
      '{\n  "name": "t",\n  "traffic": { "phases": [{ "type": "pause", "duration": "1s" },] }\n}\n',
      'json',
    ),
    code: 2,
    says: [/\.json:3:\d+ error \(document\): not valid JSON: a trailing comma/, /Fix: remove the comma/],
  },
  // 5. Silent defaults get a warning (and still pass).
  {
    wrote: 'expect.rateLimit without burst',
    args: validate(withExpect('{ rateLimit: { rate: 5/s } }')),
    code: 0,
    says: [
      /warning expect\.rateLimit: no burst given, so 0 is assumed/,
      /write burst: N/,
      /^ok .*\(1 warning\)/m,
    ],
  },
  {
    wrote: 'no platform block',
    args: validate(`name: t\ntraffic:\n  phases:\n${PHASE}`),
    code: 0,
    says: [
      /warning platform: no platform: the bill assumes AWS Lambda \(x86_64, us-east-1\) behind API Gateway REST/,
    ],
  },
  // 7. --set, emulate --config.
  {
    wrote: '--set maxRequests=10 (below the plan)',
    args: () => ['validate', quickstart, '--set', 'maxRequests=10'],
    code: 2,
    says: [/above safety\.maxRequests \(10\)/],
  },
  {
    wrote: '--set traffic.phases[0].rate=abc',
    args: () => ['validate', quickstart, '--set', 'traffic.phases[0].rate=abc'],
    code: 2,
    says: [/--set traffic\.phases\[0\]\.rate=abc error traffic\.phases\[0\]\.rate: expected a rate/],
  },
  {
    wrote: '--set safety.maxRequets=3 (a typo)',
    args: () => ['validate', quickstart, '--set', 'safety.maxRequets=3'],
    code: 2,
    says: [/no key "safety\.maxRequets" in a scenario: did you mean "safety\.maxRequests"\?/],
  },
  {
    wrote: '--set nokey',
    args: () => ['validate', quickstart, '--set', 'nokey'],
    code: 2,
    says: [/--set nokey error .*expected KEY=VALUE/, /--set safety\.maxRequests=5000/],
  },
  {
    wrote: '--set traffic.phases[1].rate=200/s (plan)',
    args: () => ['plan', quickstart, '--set', 'traffic.phases[1].rate=200/s', '--json'],
    code: 0,
    says: [/"fromRatePerSec": 200\b/],
  },
  {
    wrote: 'emulate --config on a scenario that drills a url',
    args: () => ['emulate', '--config', join(ROOT, 'scenarios/staging-rest-lambda.yaml'), '--port', '0'],
    code: 2,
    says: [/target\.url: this scenario drills a url: it has no target\.emulator block to serve/],
  },
  {
    wrote: 'identities from a CSV file (apiKey: { fromFile: keys.csv, column: key })',
    args: validate(
      `name: t\n${PLATFORM}traffic:\n  phases:\n${PHASE}  identities: { count: 2, apiKey: { fromFile: ${csv}, column: key } }\n`,
    ),
    code: 0,
    says: [/^ok /m],
  },
  {
    wrote: 'identities from a CSV file with a wrong column',
    args: validate(
      `name: t\n${PLATFORM}traffic:\n  phases:\n${PHASE}  identities: { count: 2, apiKey: { fromFile: ${csv}, column: token } }\n`,
    ),
    code: 2,
    says: [/traffic\.identities\.apiKey\.fromFile: no column "token" in the header row \(id, key\)/],
  },
  // Issue 19/20 bullets, checked again here.
  {
    wrote: 'run --report html,junit without --out',
    args: () => ['run', quickstart, '--report', 'html,junit'],
    code: 2,
    says: [
      /--report html,junit writes report files, but no --out directory was given/,
      /add --out DIR/,
      /nothing was sent/,
    ],
  },
  {
    wrote: 'run --report pdf',
    args: () => ['run', quickstart, '--report', 'pdf', '--out', dir],
    code: 2,
    says: [/Unknown report format "pdf"\. Known formats: console, json/],
  },
  {
    wrote: '--version',
    args: () => ['--version'],
    code: 0,
    says: [/^0\.1\.0$/m],
  },
];

describe('a newcomer’s first hour: what was written → exit code and the message with its fix', () => {
  it('holds at least 40 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
  });

  it.concurrent.each(rows.map((r) => [r.wrote, r] as const))(
    '%s',
    async (_wrote, row) => {
      const r = await runBin(row.args(), { timeoutMs: 60_000 });
      const out = `${r.stdout}${r.stderr}`;
      for (const re of row.says) expect(out, out).toMatch(re);
      expect(r.code, out).toBe(row.code);
      expect(hasStackTrace(out)).toBe(false);
    },
    90_000,
  );
});
