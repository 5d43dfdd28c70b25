// Why a request failed, as one stable word for the Observation's `errorsByKind`: from the error
// codes Node (`ECONNREFUSED`, `ENOTFOUND`…), undici (`UND_ERR_…`) and llhttp (`HPE_…`) put on the
// error. Pure: a table of codes and one function (test/unit/driver/error-kind.test.ts).

/** Stable failure kinds; anything else is `other:<code>` (or `other:<name>` without a code). */
export type ErrorKind =
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'connect-timeout'
  | 'malformed'
  | 'dns'
  | `other:${string}`;

/** Code of the error a connection aborts its request with when the client timeout passes. */
export const CLIENT_TIMEOUT_CODE = 'DOWDRILL_CLIENT_TIMEOUT';

const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  // undici: the socket closed or failed while a request was on it ("other side closed")
  UND_ERR_SOCKET: 'reset',
  // the body ended before its content-length: cut off mid-response
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'reset',
  // llhttp: the connection ended inside a message
  HPE_INVALID_EOF_STATE: 'reset',
  [CLIENT_TIMEOUT_CODE]: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  // the target never accepted the connection in time: it did not see the request
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  ETIMEDOUT: 'connect-timeout',
  UND_ERR_HEADERS_OVERFLOW: 'malformed',
  UND_ERR_INFO: 'malformed',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NODATA: 'dns',
  EAI_NONAME: 'dns',
};

/** undici's SocketError messages that mean the server sent something that is not HTTP. */
const MALFORMED_SOCKET_MESSAGES = new Set(['bad response', 'bad upgrade']);

export interface ErrorLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  /** AggregateError (happy eyeballs over several addresses): the first attempt's error decides. */
  errors?: unknown;
  cause?: unknown;
}

/**
 * The kind of a failed request. `timeout` is the client timeout only (what Observation counts as
 * `timeouts`); every other kind is a connection error.
 *
 * @example classifyError({ code: 'ECONNREFUSED' }) === 'refused'
 * @example classifyError({ code: 'HPE_INVALID_STATUS' }) === 'malformed'
 * @example classifyError({ code: 'EHOSTUNREACH' }) === 'other:EHOSTUNREACH'
 */
export function classifyError(err: ErrorLike, depth = 0): ErrorKind {
  const code = typeof err.code === 'string' ? err.code : '';
  if (code === 'UND_ERR_SOCKET' && MALFORMED_SOCKET_MESSAGES.has(String(err.message))) return 'malformed';
  const known = code ? KIND_BY_CODE[code] : undefined;
  if (known) return known;
  if (code.startsWith('HPE_')) return 'malformed';
  // undici 7 loses llhttp's code (its table maps names to numbers, not back): only name and reason
  if (err.name === 'HTTPParserError') return /\bEOF\b/.test(String(err.message)) ? 'reset' : 'malformed';
  const inner = innerError(err);
  if (inner && depth < 3) {
    const kind = classifyError(inner, depth + 1);
    if (!kind.startsWith('other:') || !code) return kind;
  }
  if (code) return `other:${code}`;
  return `other:${typeof err.name === 'string' && err.name ? err.name : 'unknown'}`;
}

function innerError(err: ErrorLike): ErrorLike | null {
  if (Array.isArray(err.errors) && isErrorLike(err.errors[0])) return err.errors[0];
  if (isErrorLike(err.cause)) return err.cause;
  return null;
}

function isErrorLike(x: unknown): x is ErrorLike {
  return typeof x === 'object' && x !== null;
}
