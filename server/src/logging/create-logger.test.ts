import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('redacts API keys, bank details and write bodies at any common depth', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'info', destination });
    logger.info(
      {
        connection: { id: 1, staffologyApiKey: 'sk-live-1', expenseinApiKey: 'ei-live-2' },
        apiKey: 'top-level-key',
        request: { headers: { authorization: 'ApiKey ei-live-2' } },
        action: { kind: 'update', write: { bankDetails: { accountNumber: '12345678' } } },
        employee: { bank: { accountNumber: '87654321', sortCode: '112233' } },
      },
      'applied',
    );
    const line = lines.join('');
    for (const secret of ['sk-live-1', 'ei-live-2', 'top-level-key', '12345678', '87654321', '112233']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('"kind":"update"');
    expect(line).toContain('[redacted]');
  });

  it('honours the level', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ level: 'warn', destination });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.join('')).not.toContain('quiet');
    expect(lines.join('')).toContain('loud');
  });
});
