import { describe, expect, it } from 'vitest';
import {
  CLIENT_TIMEOUT_CODE,
  classifyError,
  type ErrorLike,
} from '../../../../src/driver/record/error-kind.js';

const err = (code: string, message = 'x', name = 'Error'): ErrorLike => ({ code, message, name });

describe('classifyError', () => {
  it.each<[string, ErrorLike, string]>([
    ['connection refused', err('ECONNREFUSED'), 'refused'],
    ['reset by peer', err('ECONNRESET'), 'reset'],
    ['broken pipe', err('EPIPE'), 'reset'],
    ['undici: other side closed', err('UND_ERR_SOCKET', 'other side closed'), 'reset'],
    ['undici: socket closed', err('UND_ERR_SOCKET', 'closed'), 'reset'],
    ['body shorter than content-length', err('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'), 'reset'],
    ['llhttp: EOF inside a message', err('HPE_INVALID_EOF_STATE'), 'reset'],
    ['client timeout', err(CLIENT_TIMEOUT_CODE), 'timeout'],
    ['undici headers timeout', err('UND_ERR_HEADERS_TIMEOUT'), 'timeout'],
    ['undici body timeout', err('UND_ERR_BODY_TIMEOUT'), 'timeout'],
    ['undici connect timeout', err('UND_ERR_CONNECT_TIMEOUT'), 'connect-timeout'],
    ['llhttp: bad status line', err('HPE_INVALID_STATUS', '', 'HTTPParserError'), 'malformed'],
    ['llhttp: not HTTP at all', err('HPE_INVALID_CONSTANT', '', 'HTTPParserError'), 'malformed'],
    [
      'undici 7 parser error without its code',
      {
        name: 'HTTPParserError',
        message: 'Response does not match the HTTP/1.1 protocol (Invalid status code)',
      },
      'malformed',
    ],
    [
      'undici 7 parser error: EOF inside a message',
      {
        name: 'HTTPParserError',
        message: 'Response does not match the HTTP/1.1 protocol (Invalid EOF state)',
      },
      'reset',
    ],
    ['undici: response with no request', err('UND_ERR_SOCKET', 'bad response'), 'malformed'],
    ['undici: unexpected upgrade', err('UND_ERR_SOCKET', 'bad upgrade'), 'malformed'],
    ['headers too large', err('UND_ERR_HEADERS_OVERFLOW'), 'malformed'],
    ['name not found', err('ENOTFOUND'), 'dns'],
    ['resolver unavailable', err('EAI_AGAIN'), 'dns'],
    ['unknown code', err('EHOSTUNREACH'), 'other:EHOSTUNREACH'],
    ['no code: the name', { name: 'TypeError', message: 'boom' }, 'other:TypeError'],
    ['nothing at all', {}, 'other:unknown'],
    [
      'happy eyeballs: the first attempt decides',
      { name: 'AggregateError', errors: [err('ECONNREFUSED'), err('ETIMEDOUT')] },
      'refused',
    ],
    ['wrapped in a cause', { name: 'Error', cause: err('ENOTFOUND') }, 'dns'],
    ['own code beats an unknown cause', { code: 'EFOO', cause: err('EBAR') }, 'other:EFOO'],
    ['a known cause beats an unknown code', { code: 'EFOO', cause: err('ECONNRESET') }, 'reset'],
  ])('%s → %s', (_name, e, kind) => {
    expect(classifyError(e)).toBe(kind);
  });

  it('stops on a cause cycle', () => {
    const a: ErrorLike = { name: 'A' };
    a.cause = a;
    expect(classifyError(a)).toBe('other:A');
  });
});
