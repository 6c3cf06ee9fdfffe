// Test-only: an app on a fresh database with the seeded school, a clock the test moves, and
// requests made as a given person.
import { count } from 'drizzle-orm';
import {
  auditLog,
  caseExternalBodies,
  caseTimeline,
  cases,
  deadlines,
  nonSchoolDays,
  notifications,
  people,
  pupils,
  reports,
  roles,
  schoolOwners,
  schools,
} from '@trygg/db';
import { localDateTimeToInstant } from '@trygg/domain';
import { createTestDatabase, seedSchool, type SeededSchool, type TestDatabase } from '@trygg/testing';
import { createApp, type AppDeps } from './app';
import { sessionCookie } from './session';

export const SECRET = 'test-session-secret-test-session-secret';

/** Oslo wall-clock 'YYYY-MM-DDTHH:MM' → Date. */
export const osloDate = (local: string) => new Date(localDateTimeToInstant(local).epochMilliseconds);

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface TestApp {
  t: TestDatabase;
  s: SeededSchool;
  app: ReturnType<typeof createApp>;
  clock: { now: Date };
  as: (personId: string | null) => Client;
  /** Row counts of the tables a request could write to. */
  counts: () => Promise<Record<string, number>>;
  drop: () => Promise<void>;
}

export interface Client {
  get: <T = any>(path: string) => Promise<Reply<T>>;
  post: <T = any>(path: string, body?: unknown, init?: { contentType?: string; raw?: string }) => Promise<Reply<T>>;
  patch: <T = any>(path: string, body?: unknown) => Promise<Reply<T>>;
}

export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const t = await createTestDatabase();
  const s = await seedSchool(t.db);
  const clock = { now: osloDate('2026-04-13T09:00') };
  const app = createApp({
    db: t.db,
    clock: () => clock.now,
    sessionSecret: SECRET,
    appUrl: 'http://127.0.0.1:5173/',
    devLogin: true,
    log: { error: () => {} },
    ...overrides,
  });
  const request = async (
    personId: string | null,
    method: string,
    path: string,
    body?: unknown,
    init: { contentType?: string; raw?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    // A fresh session per request, at the test's clock: tests move the clock by days, past
    // any idle timeout.
    if (personId) headers['cookie'] = await sessionCookie(t.db, personId, clock.now);
    let payload: string | undefined;
    if (init.raw !== undefined) payload = init.raw;
    else if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    const res = await app.request(path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (the docs page)
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  const tables = {
    auditLog,
    caseExternalBodies,
    caseTimeline,
    cases,
    deadlines,
    nonSchoolDays,
    notifications,
    people,
    pupils,
    reports,
    roles,
    schoolOwners,
    schools,
  };
  return {
    t,
    s,
    app,
    clock,
    as: (personId) => ({
      get: (path) => request(personId, 'GET', path),
      post: (path, body, init) => request(personId, 'POST', path, body, init),
      patch: (path, body) => request(personId, 'PATCH', path, body),
    }),
    counts: async () => {
      const out: Record<string, number> = {};
      for (const [name, table] of Object.entries(tables)) {
        const [row] = await t.db.select({ n: count() }).from(table);
        out[name] = row!.n;
      }
      return out;
    },
    drop: () => t.drop(),
  };
}

/** The counts, without the audit log (a refused request leaves its audit entry and nothing else). */
export const withoutAudit = ({ auditLog: _audit, ...rest }: Record<string, number>) => rest;
