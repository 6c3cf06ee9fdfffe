import { sql as dsql } from 'drizzle-orm';
import { people } from '@trygg/db';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ensureTemplate, migrationsHash, testDatabaseBaseUrl, type TestDatabase } from './database';

describe('createTestDatabase', () => {
  const created: TestDatabase[] = [];
  afterAll(async () => {
    await Promise.all(created.map((d) => d.drop()));
  });

  it('gives a migrated database of its own', async () => {
    const t = await createTestDatabase();
    created.push(t);
    expect(t.name).toMatch(/^trygg_test_\d+_[0-9a-f]{10}$/);
    expect(t.url).toContain(`/${t.name}`);
    const [row] = await t.db.insert(people).values({ name: 'A', email: 'a@test.no' }).returning();
    expect(row!.id).toMatch(/^[0-9a-f-]{36}$/);
    // The append-only trigger came along from the template.
    const triggers = await t.sql`select 1 from pg_trigger where tgname = 'case_timeline_append_only'`;
    expect(triggers).toHaveLength(1);
  });

  it('suites are isolated and can be created in parallel', async () => {
    const many = await Promise.all(Array.from({ length: 4 }, () => createTestDatabase()));
    created.push(...many);
    expect(new Set(many.map((d) => d.name)).size).toBe(4);
    await many[0]!.db.insert(people).values({ name: 'Only here', email: 'x@test.no' });
    const counts = await Promise.all(
      many.map(async (d) => (await d.db.execute<{ n: number }>(dsql`select count(*)::int as n from people`))[0]!.n),
    );
    expect(counts).toEqual([1, 0, 0, 0]);
  });

  it('names the template after the migrations, marks it as a template, drop() removes the copy', async () => {
    const template = await ensureTemplate();
    expect(template).toBe(`trygg_tpl_${migrationsHash()}`);
    const admin = postgres(testDatabaseBaseUrl(), { max: 1 });
    try {
      const [tpl] = await admin`select datistemplate from pg_database where datname = ${template}`;
      expect(tpl).toEqual({ datistemplate: true });
      const t = await createTestDatabase();
      await t.drop();
      await t.drop(); // idempotent
      expect(await admin`select 1 from pg_database where datname = ${t.name}`).toHaveLength(0);
    } finally {
      await admin.end();
    }
  });

  it('the migrations hash is stable and 16 hex characters', () => {
    expect(migrationsHash()).toMatch(/^[0-9a-f]{16}$/);
    expect(migrationsHash()).toBe(migrationsHash());
  });
});
