import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '@iris/core';
import { Prisma } from '@iris/db';
import { toAppError, toTRPCError } from './errors.ts';

describe('error mapping', () => {
  it('keeps an AppError and gives tRPC the code its status implies', () => {
    const thrown = new AppError('FORBIDDEN', 'not yours');
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: thrown });
    const mapped = toTRPCError(wrapped);
    expect(mapped.code).toBe('FORBIDDEN');
    expect(mapped.cause).toBe(thrown);
    expect(toTRPCError(mapped)).toBe(mapped);
  });

  it('turns input validation into VALIDATION_FAILED with field paths', () => {
    const parsed = z.object({ email: z.email(), lines: z.array(z.object({ qty: z.number() })) }).safeParse({
      email: 'x',
      lines: [{ qty: 'two' }],
    });
    const wrapped = new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
    const appError = toAppError(wrapped);
    expect(appError.code).toBe('VALIDATION_FAILED');
    expect(appError.details).toEqual({
      issues: [expect.objectContaining({ path: 'email' }), expect.objectContaining({ path: 'lines.0.qty' })],
    });
  });

  it('keeps server-side schema failures (output validation, services) out of responses', () => {
    const parsed = z.object({ secretColumn: z.string() }).safeParse({ secretColumn: 1 });
    const output = new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Output validation failed',
      cause: parsed.error,
    });
    const fromOutput = toAppError(output);
    expect(fromOutput.code).toBe('INTERNAL');
    expect(fromOutput.details).toBeUndefined();
    expect(toAppError(parsed.error).code).toBe('INTERNAL');
  });

  it('hides unknown errors behind INTERNAL, keeping the cause for the log', () => {
    const boom = new Error('connection to 10.0.0.5 refused, password=abc');
    const appError = toAppError(boom);
    expect(appError.code).toBe('INTERNAL');
    expect(appError.message).toBe('Internal server error');
    expect(appError.cause).toBe(boom);
    expect(toTRPCError(boom).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('shows other 500-class codes as INTERNAL, keeping the specific error for the log', () => {
    const bug = new AppError('JOB_PAYLOAD_INVALID', 'Payload of job order__notify is invalid', {
      job: 'order__notify',
    });
    const shown = toAppError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: bug }));
    expect(shown.code).toBe('INTERNAL');
    expect(shown.details).toBeUndefined();
    expect(shown.cause).toBe(bug);
    expect(toAppError(shown)).toBe(shown);
    const unavailable = new AppError('DATABASE_UNAVAILABLE', 'The database is not reachable.');
    expect(toAppError(unavailable)).toBe(unavailable);
  });

  it("maps Prisma's unique-constraint and record-not-found errors", () => {
    const unique = new Prisma.PrismaClientKnownRequestError('Unique constraint failed', {
      code: 'P2002',
      clientVersion: '7.10.0',
      meta: { target: ['email'] },
    });
    const conflict = toAppError(new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: unique }));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.details).toEqual({ fields: ['email'] });
    const missing = new Prisma.PrismaClientKnownRequestError('Record to update not found', {
      code: 'P2025',
      clientVersion: '7.10.0',
    });
    expect(toAppError(missing).code).toBe('NOT_FOUND');
    const other = new Prisma.PrismaClientKnownRequestError('Value too long', {
      code: 'P2000',
      clientVersion: '7.10.0',
    });
    expect(toAppError(other).code).toBe('INTERNAL');
  });

  it("maps tRPC's own codes into the catalogue", () => {
    expect(toAppError(new TRPCError({ code: 'NOT_FOUND', message: 'No procedure' })).code).toBe('NOT_FOUND');
    expect(toAppError(new TRPCError({ code: 'PARSE_ERROR', message: 'bad json' })).code).toBe('BAD_REQUEST');
    expect(toAppError(new TRPCError({ code: 'TIMEOUT' })).code).toBe('INTERNAL');
  });
});
