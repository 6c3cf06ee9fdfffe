// Hardening that needs no database (issue 5 item 5): every write refuses a body that is not
// JSON (415) or larger than 1 MB (413) before anything else runs; security headers and
// `Cache-Control: no-store` on every answer; no personal data in URLs (every path and query
// parameter of the OpenAPI document is an id, a code or a date — never free text such as a
// name); job payloads carry ids only; an unexpected error is logged without what the request
// carried.
import { describe, expect, it } from 'vitest';
import { jobCatalog } from '@trygg/jobs';
import { z } from 'zod';
import type { Db } from '@trygg/db';
import { createApp, MAX_BODY_BYTES } from './app';
import { describeError } from './log-safe';

const NAME = 'Nora Nilsen';
const NATIONAL_ID = '15071512345';

/** A failed query as drizzle reports it: the parameters in the message, PostgreSQL's error as the cause. */
function failedQuery(): Error {
  const pg = Object.assign(new Error(`invalid input syntax for type uuid: "${NAME}"`), {
    name: 'PostgresError',
    code: '22P02',
    table_name: 'pupils',
    detail: `Key (name)=(${NAME}) already exists.`,
  });
  return Object.assign(new Error(`Failed query: insert into "pupils" ("name", "national_id") values ($1, $2)\nparams: ${NAME},${NATIONAL_ID}`, { cause: pg }), {
    name: 'DrizzleQueryError',
  });
}

// A database that fails every query the way a failed query does.
const failingDb = new Proxy(
  {},
  {
    get: () => {
      throw failedQuery();
    },
  },
) as unknown as Db;

const logged: unknown[] = [];
const app = createApp({
  db: failingDb,
  clock: () => new Date('2026-04-13T07:00:00Z'),
  sessionSecret: 's'.repeat(32),
  appUrl: 'http://127.0.0.1:5173/',
  log: { error: (message, meta) => logged.push({ message, meta }) },
});

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: Record<string, unknown> }[] }>>;
}
const doc = async () => (await (await app.request('/api/openapi.json')).json()) as OpenApiDoc;

function expectHardened(res: Response, what: string): void {
  expect(res.headers.get('cache-control'), what).toBe('no-store');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
  expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(res.headers.get('strict-transport-security'), what).toMatch(/max-age=\d+/);
  expect(res.headers.get('content-security-policy'), what).toContain("frame-ancestors 'none'");
}

describe('hardening', () => {
  it('refuses every write with a body that is not JSON (415) or over 1 MB (413), with the security headers', async () => {
    const { paths } = await doc();
    const writes = Object.entries(paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['post', 'patch', 'put', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000001') })),
    );
    expect(writes.length).toBeGreaterThan(20);
    for (const { method, path } of writes) {
      const what = `${method} ${path}`;
      // The pupil import takes a CSV file: its route checks the type, after the session.
      if (!path.endsWith('/pupils/import')) {
        const form = await app.request(path, { method, body: 'name=Nora', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        expect(form.status, what).toBe(415);
        expectHardened(form, what);
      }
      const big = await app.request(path, {
        method,
        body: JSON.stringify({ text: 'x'.repeat(MAX_BODY_BYTES) }),
        headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 12) },
      });
      expect(big.status, what).toBe(413);
      expectHardened(big, what);
      // Without a length the body is counted as it streams.
      const streamed = await app.request(path, {
        method,
        body: new Blob(['{"text":"', 'x'.repeat(MAX_BODY_BYTES), '"}']).stream(),
        headers: { 'content-type': 'application/json' },
        // @ts-expect-error Node's fetch needs this for a streamed body
        duplex: 'half',
      });
      expect(streamed.status, what).toBe(413);
    }
  });

  it('refuses a NUL character in any body (it cannot be stored) with 400, before anything runs', async () => {
    for (const [body, type] of [
      ['{"description":"Nora\\u0000Nilsen"}', 'application/json'],
      ['Fornavn;Etternavn;Fødselsår\nNo\u0000ra;Nilsen;2015\n', 'text/csv'],
    ] as const) {
      const res = await app.request('/api/schools/00000000-0000-4000-8000-000000000001/pupils/import', { method: 'POST', body, headers: { 'content-type': type } });
      const reports = await app.request('/api/reports', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      for (const r of [res, reports]) {
        expect(r.status).toBe(400);
        expect(((await r.json()) as { error: { problems: { code: string }[] } }).error.problems[0]!.code).toBe('nul_character');
      }
    }
  });

  it('puts no free text in URLs: every path and query parameter is an id, a code, a number or a date', async () => {
    const { paths } = await doc();
    // The login's protocol values: opaque codes the identity provider hands back (OpenID
    // Connect), and the app path to return to after login (checked by safeNextPath).
    const protocol = new Set([
      'GET /api/auth/login query next',
      'GET /api/auth/callback query code',
      'GET /api/auth/callback query state',
      'GET /api/auth/callback query iss',
      'GET /api/auth/callback query error',
      'GET /api/auth/callback query error_description',
    ]);
    const loose: string[] = [];
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of op.parameters ?? []) {
          const s = p.schema ?? {};
          const constrained =
            s['format'] === 'uuid' ||
            Array.isArray(s['enum']) ||
            typeof s['pattern'] === 'string' ||
            s['type'] === 'integer' ||
            s['type'] === 'number' ||
            s['type'] === 'boolean';
          if (!constrained && !protocol.has(`${method.toUpperCase()} ${path} ${p.in} ${p.name}`)) loose.push(`${method.toUpperCase()} ${path} ${p.in} ${p.name}: ${JSON.stringify(s)}`);
        }
      }
    }
    expect(loose).toEqual([]);
  });

  it('puts ids only in job payloads (BullMQ keeps them in clear text)', () => {
    const loose: string[] = [];
    for (const [name, job] of Object.entries(jobCatalog)) {
      const schema = z.toJSONSchema(job.payload as z.ZodType, { io: 'input' }) as { properties?: Record<string, Record<string, unknown>> };
      for (const [field, s] of Object.entries(schema.properties ?? {})) {
        const constrained = s['format'] === 'uuid' || typeof s['pattern'] === 'string' || Array.isArray(s['enum']) || s['type'] === 'integer';
        if (!constrained) loose.push(`${name}.${field}: ${JSON.stringify(s)}`);
      }
    }
    expect(loose).toEqual([]);
  });

  it('logs an unexpected error without the values the request carried', async () => {
    logged.length = 0;
    const res = await app.request('/api/me', { headers: { cookie: `trygg_session=${'a'.repeat(43)}` } });
    expect(res.status).toBe(500);
    expectHardened(res, 'a 500');
    const body = await res.text();
    expect(body).not.toContain(NAME);
    expect(logged).toHaveLength(1);
    const text = JSON.stringify(logged);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(NATIONAL_ID);
    // What an operator needs is still there.
    expect(text).toContain('DrizzleQueryError: Failed query: insert into \\"pupils\\"');
    expect(text).toContain('sqlstate 22P02, table pupils');
  });

  it('describes a cause chain without quoted values, keeps our own messages and the stack', () => {
    const described = describeError(failedQuery());
    expect(described).not.toMatch(/Nora|15071512345/);
    expect(described).toContain('caused by PostgresError: invalid input syntax for type uuid: "…" [sqlstate 22P02, table pupils]');
    expect(describeError(new Error('unknown deadline kind plan_x'))).toMatch(/^Error: unknown deadline kind plan_x\n\s+at /);
    expect(describeError('a string')).toBe('thrown: string');
  });
});
