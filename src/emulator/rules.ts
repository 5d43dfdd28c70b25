import type { EmulatorConfig } from './config.js';

// Cross-field checks the schema cannot express. They are warnings, not errors: the emulator runs
// whatever it is given, but a setting the real platform would refuse or ignore deserves a note.

export interface EmulatorConfigWarning {
  /** Dot path of the setting, e.g. "gateway.usagePlans". */
  path: string;
  message: string;
}

type Rule = (config: EmulatorConfig) => EmulatorConfigWarning | undefined;

const rules: readonly Rule[] = [
  (c) =>
    c.profile !== 'aws-rest' && c.profile !== 'generic' && c.gateway.usagePlans.length > 0
      ? { path: 'gateway.usagePlans', message: 'usage plans exist only on REST APIs (profile aws-rest)' }
      : undefined,
  (c) =>
    c.profile === 'aws-http' && c.waf
      ? { path: 'waf', message: 'AWS WAF attaches to REST APIs, not HTTP APIs: it needs CloudFront in front' }
      : undefined,
  (c) =>
    c.profile === 'aws-furl' &&
    (c.gateway.throttle || c.gateway.usagePlans.length > 0 || c.gateway.requireApiKey)
      ? { path: 'gateway', message: 'a function URL has no gateway: gateway settings are ignored' }
      : undefined,
  (c) =>
    c.profile === 'aws-rest' && (c.gateway.integrationTimeoutMs ?? 0) > 29_000
      ? {
          path: 'gateway.integrationTimeoutMs',
          message:
            'above 29 s needs a quota increase (Regional/private APIs) and may lower the account throttle',
        }
      : undefined,
  (c) =>
    c.profile === 'aws-http' && (c.gateway.integrationTimeoutMs ?? 0) > 30_000
      ? { path: 'gateway.integrationTimeoutMs', message: 'HTTP APIs cap the integration timeout at 30 s' }
      : undefined,
  (c) =>
    c.function.reservedConcurrency !== undefined &&
    c.function.reservedConcurrency > c.function.accountConcurrency - 100
      ? {
          path: 'function.reservedConcurrency',
          message: 'AWS keeps at least 100 of the account concurrency unreserved',
        }
      : undefined,
  (c) =>
    c.gateway.throttle && c.gateway.throttle.ratePerSec > c.gateway.account.ratePerSec
      ? { path: 'gateway.throttle.ratePerSec', message: 'a stage limit cannot exceed the account limit' }
      : undefined,
];

export function emulatorConfigWarnings(config: EmulatorConfig): EmulatorConfigWarning[] {
  const warnings: EmulatorConfigWarning[] = [];
  for (const rule of rules) {
    const warning = rule(config);
    if (warning) warnings.push(warning);
  }
  return warnings;
}
