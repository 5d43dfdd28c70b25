// Whether a web ACL is attached, on a platform that can have one (layers.ts hasWaf asks the
// registry first): the platform says so, or the emulator target has a WAF rule.

import type { Scenario } from '../../model.js';

export function wafAttached(scenario: Scenario): boolean {
  return (
    scenario.platform.waf.enabled ||
    (scenario.target.kind === 'emulator' && scenario.target.emulator.waf !== undefined)
  );
}
