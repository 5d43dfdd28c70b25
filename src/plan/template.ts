// Template variables in paths, query values, headers and bodies:
//   {{seq}}       the request's sequence number in the drill (0, 1, 2, …)
//   {{randomId}}  a fresh 16-hex-digit id per request (seeded: repeatable)
//   {{identity}}  the index of the identity the request goes out as (0 when there are none)
//   {{phase}}     the name of the phase the request belongs to
// A template is compiled once into literal chunks and variable slots, so filling it per request
// is a join, not a regex.

export const TEMPLATE_VARIABLES = ['seq', 'randomId', 'identity', 'phase'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

export type CompiledTemplate = readonly (string | { variable: TemplateVariable })[];

const PATTERN = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

export function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

export function compileTemplate(text: string): CompiledTemplate {
  const parts: (string | { variable: TemplateVariable })[] = [];
  let last = 0;
  for (const m of text.matchAll(PATTERN)) {
    const name = m[1] ?? '';
    if (!isTemplateVariable(name)) continue;
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ variable: name });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function isStatic(t: CompiledTemplate): boolean {
  return t.every((p) => typeof p === 'string');
}

export function fillTemplate(t: CompiledTemplate, values: TemplateValues): string {
  let out = '';
  for (const p of t) out += typeof p === 'string' ? p : values[p.variable];
  return out;
}
