import { Writable } from 'node:stream';
import { createLogger } from '@iris/core';
import { describe, expect, it } from 'vitest';
import { toGraphileLogger } from './graphile-logger.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}

describe('toGraphileLogger', () => {
  it('maps levels and scope onto pino', () => {
    const { lines, logger } = capture();
    const graphile = toGraphileLogger(logger).scope({
      workerId: 'w1',
      taskIdentifier: 'system__heartbeat',
      jobId: '7',
    });
    graphile.warn('slow');
    graphile.debug('detail');
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'slow',
        component: 'graphile-worker',
        workerId: 'w1',
        task: 'system__heartbeat',
        jobId: '7',
      }),
      expect.objectContaining({ level: 20, msg: 'detail' }),
    ]);
  });

  it('keeps payloads out of the log and serialises errors', () => {
    const { lines, logger } = capture();
    toGraphileLogger(logger).error('Failed task', {
      failure: true,
      job: {
        id: '42',
        task_identifier: 'system__heartbeat',
        attempts: 2,
        max_attempts: 3,
        payload: { email: 'a@b.se' },
      },
      error: new Error('boom'),
    });
    const line = lines[0]!;
    expect(JSON.stringify(line)).not.toContain('a@b.se');
    expect(line.job).toEqual({ id: '42', task: 'system__heartbeat', attempts: 2, maxAttempts: 3 });
    expect(line.err).toMatchObject({ message: 'boom', type: 'Error' });
    expect(line.failure).toBe(true);
  });
});
