// `dowdrill emulate --config FILE`: the emulator settings, from a file that holds either the
// `target.emulator` block alone or a whole scenario (its target.emulator block is served, so the
// scenario a drill runs and the emulator another tool drills are one file). Positions stay those
// of the file: a scenario is checked through a schema that wraps the block at its real path.

import { z } from 'zod';
import { type EmulatorConfig, emulatorConfigSchema } from '../emulator/config.js';
import { parseWithSchema, readDocument, toPlain } from './document.js';
import { applyEmulatorHabits } from './habits.js';
import { InvalidInputError } from './problems.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Keys only a scenario has at its top level (an emulator block has profile, gateway, function…). */
const SCENARIO_KEYS = ['name', 'target', 'traffic', 'expect', 'version', 'platform'];

const scenarioWrapper = z.looseObject({
  target: z.looseObject({ emulator: emulatorConfigSchema.prefault({}) }).prefault({}),
});

export function loadEmulatorConfig(file: string, env: Env = process.env): EmulatorConfig {
  const parsed = readDocument(file, env);
  const plain = toPlain(parsed);
  const isScenario =
    plain !== null && typeof plain === 'object' && SCENARIO_KEYS.some((k) => Object.hasOwn(plain, k));
  if (!isScenario) return parseWithSchema(parsed, emulatorConfigSchema, applyEmulatorHabits(plain));
  const target = (plain as { target?: { url?: unknown; emulator?: unknown } }).target;
  if (target?.url !== undefined && target.emulator === undefined)
    throw new InvalidInputError([
      {
        severity: 'error',
        rule: 'emulator-config',
        path: ['target', 'url'],
        message: 'this scenario drills a url: it has no target.emulator block to serve',
        fix: 'add a target.emulator block, or pass a file holding only the emulator settings',
        file,
      },
    ]);
  if (target?.emulator) applyEmulatorHabits(target.emulator);
  return parseWithSchema(parsed, scenarioWrapper, plain).target.emulator;
}
