// Function settings from AWS::Lambda::Function and AWS::Serverless::Function (SAM's Globals.Function
// fill what a function leaves out): memory, timeout, architecture, reserved concurrency, each
// located at the line that set it.

import { type CfnContext, numberAt, stringAt } from './cfn-values.js';
import type { FunctionSpec, Located } from './stack.js';
import { asRecord } from './tree.js';

export const FUNCTION_TYPES = ['AWS::Lambda::Function', 'AWS::Serverless::Function'] as const;

export function functionSpec(ctx: CfnContext, id: string): FunctionSpec {
  const res = asRecord(ctx.resources[id]);
  const props = asRecord(res?.Properties) ?? {};
  const sam = res?.Type === 'AWS::Serverless::Function';
  const globals = sam ? (asRecord(asRecord(asRecord(ctx.tree.root)?.Globals)?.Function) ?? {}) : {};
  /** The function's own setting, else the Globals one. */
  const from = (key: string) => (props[key] !== undefined ? props : globals);
  const seconds = numberAt(ctx, from('Timeout'), 'Timeout', `${id} Timeout`);
  return {
    name: id,
    memoryMb: numberAt(ctx, from('MemorySize'), 'MemorySize', `${id} MemorySize`),
    timeoutMs: seconds ? { value: Math.round(seconds.value * 1000), at: seconds.at } : null,
    architecture: architecture(ctx, from('Architectures'), id),
    reservedConcurrency: numberAt(
      ctx,
      from('ReservedConcurrentExecutions'),
      'ReservedConcurrentExecutions',
      `${id} ReservedConcurrentExecutions`,
    ),
  };
}

function architecture(ctx: CfnContext, container: Record<string, unknown>, id: string) {
  const list = container.Architectures;
  if (!Array.isArray(list)) return null;
  const arch = stringAt(ctx, list, 0, `${id} Architectures`);
  return arch ? toArchitecture(arch) : null;
}

/** `arm64` / `x86_64` as written; anything else is not a Lambda architecture. */
export function toArchitecture(arch: Located<string>): Located<'x86_64' | 'arm64'> | null {
  return arch.value === 'arm64' || arch.value === 'x86_64' ? { value: arch.value, at: arch.at } : null;
}
