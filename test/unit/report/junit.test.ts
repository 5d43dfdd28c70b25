import { describe, expect, it } from 'vitest';
import { renderJunit, xmlEscape } from '../../../src/report/junit.js';
import { sampleRedact, sampleReport } from '../../fixtures/sample-report.js';

/** A small well-formedness check: balanced tags, quoted attributes, only the five entities. */
function checkWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    expect(text).not.toMatch(/[<>]/);
    expect(text.replace(/&(amp|lt|gt|quot|apos);/g, '')).not.toContain('&');
    last = tag.lastIndex;
    const [, close, name = '', , selfClose] = m;
    if (close) expect(stack.pop()).toBe(name);
    else if (!selfClose) stack.push(name);
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}

describe('JUnit XML', () => {
  const report = sampleReport();
  const xml = renderJunit(report, { color: false, redact: sampleRedact });

  it('is well-formed', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    checkWellFormed(xml);
  });

  it('has one test case per verdict, a failure per fail and a skip per inconclusive', () => {
    const count = (re: RegExp) => xml.match(re)?.length ?? 0;
    const fails = report.verdicts.filter((v) => v.status === 'fail').length;
    const skips = report.verdicts.filter((v) => v.status === 'inconclusive').length;
    expect(count(/<testcase /g)).toBe(report.verdicts.length);
    expect(count(/<failure /g)).toBe(fails);
    expect(count(/<skipped /g)).toBe(skips);
    expect(xml).toContain(
      `<testsuites name="dowdrill" tests="${report.verdicts.length}" failures="${fails}" errors="0" skipped="${skips}"`,
    );
  });

  it('escapes user strings', () => {
    expect(xml).toContain('name="dowdrill: checkout &lt;spike&gt; &amp; &quot;burst&quot;"');
  });

  it.each([
    ['a < b & "c" \'d\'', 'a &lt; b &amp; &quot;c&quot; &apos;d&apos;'],
    ['bell\u0007 and nul\u0000 dropped', 'bell and nul dropped'],
    ['emoji 🚀 kept', 'emoji 🚀 kept'],
  ])('xmlEscape(%j)', (input, output) => {
    expect(xmlEscape(input)).toBe(output);
  });
});
