import { Writable } from 'node:stream';
import { ConfigError, parseEnv } from './env';
import { createLogger, loggingEnv } from './logging';

describe('loggingEnv and createLogger', () => {
  it('defaults to info as JSON, and names a bad level or format', () => {
    expect(parseEnv('test', loggingEnv, {})).toEqual({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    expect(() => parseEnv('test', loggingEnv, { LOG_LEVEL: 'loud', LOG_FORMAT: 'xml' })).toThrow(ConfigError);
    expect(() => parseEnv('test', loggingEnv, { LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT: .*\(got "xml"\)/);
  });

  it('writes one JSON object per line with the service, an ISO time and the level name, from LOG_LEVEL up', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const logger = createLogger('api', { LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, sink);
    logger.info('not written');
    logger.warn({ reqId: 'r-1' }, 'written');
    logger.error({ err: new Error('boom') }, 'failed');
    expect(lines).toEqual([
      { level: 'warn', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'api', reqId: 'r-1', msg: 'written' },
      expect.objectContaining({
        level: 'error',
        err: expect.objectContaining({ type: 'Error', message: 'boom', stack: expect.stringContaining('\n') }),
      }),
    ]);
  });
});
