import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '@iris/api';
import { createEmptyDatabase, type TestDatabase } from '@iris/db/testing';
import { json, startStack, type RunningStack } from './stack.ts';

/**
 * The API as a third party meets it: everything is discovered from /openapi.json and checked against it.
 * New procedures are covered without touching this file.
 */
interface Operation {
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
  security?: unknown[];
  parameters?: { in: string; required?: boolean }[];
  requestBody?: unknown;
  responses: Record<
    string,
    { content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }
  >;
}

const DOC_ID = 'https://iris.test/openapi.json';
const ADMIN = 'admin@iris.local';

describe('the API against its own OpenAPI document', () => {
  let database: TestDatabase;
  let stack: RunningStack;
  let document: any;
  let operations: Operation[];
  let adminToken: string;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);

  function validator(pointer: string) {
    return ajv.compile({ $ref: `${DOC_ID}#${pointer}` });
  }

  function expectValid(pointer: string, body: unknown) {
    const validate = validator(pointer);
    const ok = validate(body);
    expect(ok, `${pointer}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`).toBe(true);
  }

  const pointerTo = (op: Operation, status: string) =>
    `/paths/${op.path.replaceAll('~', '~0').replaceAll('/', '~1')}/${op.method}/responses/${status}/content/application~1json/schema`;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    stack = await startStack({
      DATABASE_URL: database.url,
      AUTH_MODE: 'local',
      SEED_DEMO_DATA: 'true',
      RUN_WORKER: 'false',
      // Every protected operation is called once without a token: more than the default 120 a minute.
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '10000',
    });
    document = (await json(`${stack.baseUrl}/openapi.json`)).body;
    ajv.addSchema({ ...document, $id: DOC_ID });
    operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(
      ([path, item]) => Object.entries(item).map(([method, op]) => ({ ...op, method, path })),
    );
    const issued = await json(`${stack.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN }),
    });
    adminToken = issued.body.token;
  });
  afterAll(async () => {
    await stack?.stop();
    await database?.drop();
  });

  it('describes every operation with an id, a summary, a tag and enveloped errors', () => {
    expect(operations.length).toBeGreaterThanOrEqual(4);
    for (const op of operations) {
      expect(op.operationId, `${op.method} ${op.path}`).toBeTruthy();
      expect(op.summary, `${op.method} ${op.path}`).toBeTruthy();
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.headers?.['X-Request-Id'], `${op.method} ${op.path} ${status}`).toBeDefined();
        if (Number(status) >= 400) {
          expect(response.content?.['application/json']?.schema).toEqual({
            $ref: '#/components/schemas/ErrorEnvelope',
          });
        }
      }
    }
  });

  it('answers every parameterless GET with a body that matches its schema', async () => {
    const gets = operations.filter(
      (op) => op.method === 'get' && !(op.parameters ?? []).some((p) => p.required),
    );
    expect(gets.length).toBeGreaterThan(0);
    for (const op of gets) {
      const response = await json(`${stack.baseUrl}/api/v1${op.path}`, {
        headers: op.security?.length ? { authorization: `Bearer ${adminToken}` } : {},
      });
      expect(response.status, `${op.method} ${op.path}`).toBe(200);
      expectValid(pointerTo(op, '200'), response.body);
    }
  });

  it('refuses every protected operation without a token, with a valid 401 envelope', async () => {
    const protectedOps = operations.filter((op) => op.security?.length);
    expect(protectedOps.length).toBeGreaterThan(0);
    for (const op of protectedOps) {
      const path = op.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await json(`${stack.baseUrl}/api/v1${path}`, {
        method: op.method.toUpperCase(),
        ...(op.requestBody ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
      });
      expect(response.status, `${op.method} ${op.path}`).toBe(401);
      expectValid('/components/schemas/ErrorEnvelope', response.body);
    }
  });

  it('matches the documented shapes of a create-style call and of a validation error', async () => {
    const devToken = operations.find((op) => op.path === '/auth/dev/token')!;
    const ok = await json(`${stack.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'order@grossist-syd.example' }),
    });
    expectValid(pointerTo(devToken, '200'), ok.body);
    const bad = await json(`${stack.baseUrl}/api/v1/auth/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 42 }),
    });
    expect(bad.status).toBe(400);
    expectValid('/components/schemas/ErrorEnvelope', bad.body);
  });

  it('serves the typed tRPC client the same data as REST', async () => {
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: `${stack.baseUrl}/trpc`,
          headers: () => ({ authorization: `Bearer ${adminToken}` }),
        }),
      ],
    });
    const [status, me] = await Promise.all([client.system.status.query(), client.system.whoami.query()]);
    expect(status.database.ok).toBe(true);
    expect(me).toMatchObject({ kind: 'user', role: 'admin' });
    const rest = await json(`${stack.baseUrl}/api/v1/system/whoami`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(me).toEqual(rest.body);

    const anonymous = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${stack.baseUrl}/trpc` })],
    });
    const failure = await anonymous.system.whoami.query().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCClientError);
    expect((failure as TRPCClientError<AppRouter>).data?.appCode).toBe('UNAUTHENTICATED');
  });

  it('serves Swagger UI from its own assets, with nothing fetched from elsewhere', async () => {
    const html = await (await fetch(`${stack.baseUrl}/docs/`)).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset, 'external asset').not.toMatch(/^(https?:)?\/\//);
      const response = await fetch(new URL(asset, `${stack.baseUrl}/docs/`));
      expect(response.status, asset).toBe(200);
    }
    const init = await (await fetch(`${stack.baseUrl}/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('/openapi.json');
  });
});
