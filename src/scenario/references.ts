// Template and environment references are parsed, never passed through: a string that holds
// something shaped like a reference from another tool (`${API_TOKEN}`, `$TRACE_ID`,
// `${__ENV.TOKEN}`, `{{ $processEnvironment.X }}`, `{{$randomString}}`) or an unknown `{{...}}`
// would otherwise reach the target as written. Each finding names the dowdrill form to write.
// Pure: the loader (document.ts) runs it on every string scalar before `${env:NAME}` is replaced.

import { TEMPLATE_VARIABLES } from '../plan/template.js';
import { didYouMean } from './did-you-mean.js';

export interface ReferenceFinding {
  /** The reference as written, e.g. `${API_TOKEN}`. */
  written: string;
  message: string;
  fix: string;
}

const KNOWN = TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ');
const ENV_FORM = `\${env:NAME} (or \${env:NAME:-default})`;

const MUSTACHE = /\{\{([^{}]*)\}\}/g;
const DOLLAR_BRACE = /\$\{([^}]*)\}/g;
/** `$TRACE_ID`: a shell-style reference (upper case, so `$gt` or `$5` in a body are left alone). */
const BARE_DOLLAR = /(?<![\w$])\$([A-Z_][A-Z0-9_]*)\b(?![{(])/g;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Artillery/Postman generators that map to a dowdrill template. */
const GENERATORS: Record<string, string> = {
  randomstring: 'randomId',
  randomnumber: 'randomId',
  uuid: 'randomId',
  randomuuid: 'randomId',
  guid: 'randomId',
  timestamp: 'seq',
  loopcount: 'seq',
  loopelement: 'seq',
};

export function referenceFindings(text: string): ReferenceFinding[] {
  if (!text.includes('$') && !text.includes('{{')) return [];
  return [...mustacheFindings(text), ...dollarFindings(text)];
}

function mustacheFindings(text: string): ReferenceFinding[] {
  const out: ReferenceFinding[] = [];
  for (const m of text.matchAll(MUSTACHE)) {
    const inner = (m[1] ?? '').trim();
    if ((TEMPLATE_VARIABLES as readonly string[]).includes(inner)) continue;
    out.push({ written: m[0], ...mustacheAdvice(inner) });
  }
  return out;
}

function mustacheAdvice(inner: string): Omit<ReferenceFinding, 'written'> {
  const env = /^\$?(?:processEnvironment|env|process\.env|__ENV)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner);
  if (env)
    return {
      message: `{{ ${inner} }} is not a dowdrill template: environment variables are written \${env:${env[1]}}`,
      fix: `did you mean \${env:${env[1]}}? write that`,
    };
  const name = inner.replace(/^\$/, '').replace(/\(.*\)$/, '');
  const generator = GENERATORS[name.toLowerCase()];
  const close = generator ?? didYouMean(name, TEMPLATE_VARIABLES);
  return {
    message: `unknown template {{${inner}}}: the templates are ${KNOWN}`,
    fix: close
      ? `did you mean {{${close}}}? write that`
      : `use one of ${KNOWN}, or \${env:NAME} for an environment variable`,
  };
}

function dollarFindings(text: string): ReferenceFinding[] {
  const out: ReferenceFinding[] = [];
  for (const m of text.matchAll(DOLLAR_BRACE)) {
    const inner = (m[1] ?? '').trim();
    const env = /^env:([^:]*)(?::-.*)?$/.exec(inner);
    if (env && ENV_NAME.test(env[1] ?? '')) continue;
    const name = /^(?:__ENV\.|process\.env\.|env\.|env:)?(.*)$/.exec(inner)?.[1] ?? inner;
    const ok = ENV_NAME.test(name);
    out.push({
      written: m[0],
      message: ok
        ? `${m[0]} is not a dowdrill reference (it would be sent as written)`
        : `${m[0]} is not a valid reference: environment variables are written ${ENV_FORM}`,
      fix: ok
        ? `did you mean \${env:${name}}? write that`
        : `write ${ENV_FORM}, NAME in letters, digits and _`,
    });
  }
  for (const m of text.replace(DOLLAR_BRACE, '').matchAll(BARE_DOLLAR)) {
    out.push({
      written: m[0],
      message: `${m[0]} looks like a shell variable, but dowdrill does not expand it (it would be sent as written)`,
      fix: `did you mean \${env:${m[1]}}? write that for the environment variable ${m[1]}`,
    });
  }
  return out;
}
