// Malformed or unusable infrastructure files: one located problem (file, line when there is one,
// what, how to fix), thrown as InvalidInputError (exit 2), never a crash.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateScenarios, readStack } from '../../../src/infra/load.js';
import { InvalidInputError, type Problem } from '../../../src/scenario/problems.js';

const dir = mkdtempSync(join(tmpdir(), 'dowdrill-infra-'));

function problemsOf(name: string, text: string): Problem[] {
  const file = join(dir, name);
  writeFileSync(file, text);
  try {
    readStack(file);
  } catch (e) {
    if (e instanceof InvalidInputError)
      return e.problems.map((p) => ({ ...p, file: p.file?.replace(`${dir}/`, '') }));
    throw e;
  }
  throw new Error('expected InvalidInputError');
}

describe('malformed infrastructure files', () => {
  it.each([
    [
      'bad-indent.yaml',
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n   Properties: {}\n',
      4,
      /not valid YAML/,
    ],
    [
      'bad.json',
      '{\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function", }\n  ]\n}\n',
      4,
      /not valid YAML or JSON/,
    ],
  ])('%s: a syntax error at its line', (name, text, line, message) => {
    const [p] = problemsOf(name, text);
    expect(p?.file).toBe(name);
    expect(p?.line).toBe(line);
    expect(p?.message).toMatch(message);
    expect(p?.fix).toBeTruthy();
  });

  it.each([
    [
      'not-a-template.yaml',
      'name: checkout\ntraffic: {}\n',
      /is not a CloudFormation\/SAM template/,
      /terraform show -json/,
    ],
    [
      'no-routes.yaml',
      'Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties: { MemorySize: 128 }\n',
      /declares no route/,
      /SAM Api\/HttpApi events/,
    ],
  ])('%s: says what is wrong and how to fix it', (name, text, message, fix) => {
    const [p] = problemsOf(name, text);
    expect(p?.file).toBe(name);
    expect(p?.message).toMatch(message);
    expect(p?.fix).toMatch(fix);
  });

  it('a value dowdrill cannot drill (memory above 10,240 MB) is located at the template line that wrote it', () => {
    const file = join(dir, 'too-big.yaml');
    writeFileSync(
      file,
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      MemorySize: 20480\n      Events:\n        Get: { Type: Api, Properties: { Path: /a, Method: get } }\n',
    );
    const err = (() => {
      try {
        generateScenarios(readStack(file), 'test');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(InvalidInputError);
    const problems = (err as InvalidInputError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.file).toBe(file);
      expect(p.line).toBe(5);
      expect(p.message).toMatch(/GET \/a: the template gives a value dowdrill cannot drill/);
    }
  });

  it('a Parameter without Default, an import and a condition are listed (not guessed), each at its line', () => {
    const text = [
      'Parameters:',
      '  Mem: { Type: Number }',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      MemorySize: !Ref Mem',
      '      Timeout: !ImportValue shared-timeout',
      '      ReservedConcurrentExecutions: !If [IsProd, 50, 5]',
      '      Events:',
      '        Get: { Type: Api, Properties: { Path: /a, Method: get } }',
      '',
    ].join('\n');
    const file = join(dir, 'unresolved.yaml');
    writeFileSync(file, text);
    const stack = readStack(file);
    expect(stack.unresolved.map((u) => [u.at.line, u.affects])).toEqual([
      [7, 'Fn MemorySize'],
      [8, 'Fn Timeout'],
      [9, 'Fn ReservedConcurrentExecutions'],
    ]);
    expect(stack.unresolved[0]?.what).toMatch(/Parameter Mem has no Default/);
    const fn = stack.endpoints[0]?.function;
    expect([fn?.memoryMb, fn?.timeoutMs, fn?.reservedConcurrency]).toEqual([null, null, null]);
  });
});
