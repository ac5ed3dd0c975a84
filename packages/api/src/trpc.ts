import { initTRPC } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { AppError } from '@iris/core';
import type { Context, Principal, Role } from './context.ts';
import { toAppError, toTRPCError } from './errors.ts';

export type ProcedureMeta = {
  /** Roles allowed; checked by roleProcedure and listed in the OpenAPI description. */
  roles?: readonly Role[];
};

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta<ProcedureMeta>>()
  .create({
    // No transformer: /trpc and /api/v1 carry the same plain JSON (dates as ISO strings, money as strings).
    errorFormatter({ shape, error, ctx }) {
      const appError = toAppError(error);
      return {
        ...shape,
        message: appError.code === 'INTERNAL' ? 'Internal server error' : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appError.code,
          details: appError.details,
          requestId: ctx?.requestId,
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

/**
 * Every procedure goes through this: whatever it throws (or fails input validation with) is mapped once to
 * a TRPCError whose cause is an AppError. tRPC 11's next() returns a result rather than throwing.
 */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (result.ok) return result;
  const mapped = toTRPCError(result.error);
  const appError = mapped.cause instanceof AppError ? mapped.cause : undefined;
  if (appError?.code === 'INTERNAL') {
    ctx.logger.error(
      { err: appError.cause ?? result.error, requestId: ctx.requestId, procedure: path },
      'procedure failed',
    );
  }
  return { ...result, error: mapped };
});

const applyEdgeRejection = t.middleware(({ ctx, next }) => {
  if (ctx.rejection !== null && ctx.rejection !== undefined) throw toAppError(ctx.rejection);
  return next();
});

/** The dotted paths of every string in `value` that holds U+0000. */
function nulPaths(value: unknown, path: string, found: string[]): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => nulPaths(item, path ? `${path}.${index}` : String(index), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) nulPaths(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

/**
 * PostgreSQL text cannot hold U+0000: a NUL in any input string is refused here (400, with its path) rather
 * than reaching the store and failing there as a 500.
 */
const refuseNulCharacters = t.middleware(async ({ next, getRawInput }) => {
  const paths = nulPaths(await getRawInput(), '', []);
  if (paths.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Input validation failed', {
      issues: paths.map((path) => ({
        path,
        message: 'Text must not contain NUL characters (U+0000)',
        code: 'invalid_format',
      })),
    });
  }
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(applyEdgeRejection).use(refuseNulCharacters);

/** Reads not audited: the caller's own view, service status, and the audit log itself (not tenant data). */
const UNAUDITED_ADMIN_READS = /^(system|me|admin\.auditLog)\./;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id-valued fields of a procedure's input: which objects a read concerned. */
function idsOf(input: unknown): Record<string, string> {
  if (input === null || typeof input !== 'object') return {};
  return Object.fromEntries(
    Object.entries(input).filter(
      (entry): entry is [string, string] =>
        entry[0].endsWith('Id') && typeof entry[1] === 'string' && UUID.test(entry[1]),
    ),
  );
}

/**
 * Admins act on every tenant's data, on the record: their changes are audited by the services (with
 * `viaAdmin`), and every successful read is audited here as `admin.viewed`, naming the procedure and ids.
 */
const auditAdminReads = t.middleware(async ({ ctx, next, path, type, getRawInput }) => {
  const result = await next();
  const principal = ctx.principal;
  if (
    result.ok &&
    type === 'query' &&
    principal?.kind === 'user' &&
    principal.role === 'admin' &&
    !UNAUDITED_ADMIN_READS.test(path)
  ) {
    await ctx.deps.identity.audit.recordAdminView(
      { actor: principal, requestId: ctx.requestId, ip: ctx.ip },
      path,
      idsOf(await getRawInput()),
    );
  }
  return result;
});

export const authedProcedure = publicProcedure
  .use(({ ctx, next }) => {
    if (!ctx.principal)
      throw new AppError('UNAUTHENTICATED', 'Sign in first: send a valid session token as a Bearer token.');
    return next({ ctx: { ...ctx, principal: ctx.principal satisfies Principal } });
  })
  .use(auditAdminReads);

/** Authenticated and holding one of `roles` (admins are not implied: list them where they belong). */
export function roleProcedure(...roles: [Role, ...Role[]]) {
  return authedProcedure.meta({ roles }).use(({ ctx, next }) => {
    if (ctx.principal.kind !== 'user') {
      throw new AppError('FORBIDDEN', 'API keys cannot call this; it needs a signed-in user.');
    }
    if (!roles.includes(ctx.principal.role)) {
      throw new AppError('FORBIDDEN', `This needs the role ${roles.join(' or ')}.`);
    }
    return next({ ctx: { ...ctx, principal: ctx.principal } });
  });
}

/** What services record about the caller of an audited action. */
export function actingOf(ctx: Context & { principal: Principal }) {
  return { actor: ctx.principal, requestId: ctx.requestId, ip: ctx.ip };
}
