// Every renderer starts from a deep copy of the report in which every string (keys included)
// went through ctx.redact, so no user-derived string can reach an output unmasked, whatever
// field it hides in (scenario name, phase names, verdict details, warnings, emulator stats).

export function redactDeep<T>(value: T, redact: (s: string) => string): T {
  return walk(value, redact) as T;
}

function walk(value: unknown, redact: (s: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, redact));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k)] = walk(v, redact);
    return out;
  }
  return value;
}
