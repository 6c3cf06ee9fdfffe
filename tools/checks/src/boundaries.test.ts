import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, importsOf } from './boundaries';

const workspaceRoot = join(import.meta.dirname, '..', '..', '..');

function fakeWorkspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'trygg-boundaries-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const project = (name: string, tags: string[]) => JSON.stringify({ name, tags });

describe('module boundaries', () => {
  it('holds in this workspace', () => {
    expect(checkBoundaries(workspaceRoot)).toEqual([]);
  });

  it('refuses I/O, the clock and server code in libs/domain', () => {
    const root = fakeWorkspace({
      'libs/domain/project.json': project('domain', ['type:domain']),
      'libs/domain/src/a.ts': "import { readFileSync } from 'node:fs';\nexport const t = Date.now();",
      'libs/domain/src/b.ts': "import postgres from 'postgres';",
      'libs/domain/src/ok.ts': "import { Temporal } from 'temporal-polyfill';",
      'libs/db/project.json': project('db', ['type:data']),
      'libs/domain/src/c.ts': "import { createDb } from '@trygg/db';",
    });
    const problems = checkBoundaries(root).map((v) => `${v.file}: ${v.problem}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'libs/domain/src/a.ts: libs/domain is pure: it may not import node:fs',
        'libs/domain/src/a.ts: libs/domain reads the clock, the environment or a global',
        'libs/domain/src/b.ts: libs/domain is pure: it may not import postgres',
        'libs/domain/src/c.ts: domain [type:domain] may not import db [type:data]',
      ]),
    );
    expect(problems.some((p) => p.startsWith('libs/domain/src/ok.ts'))).toBe(false);
  });

  it('refuses the web app importing server code, and libs importing apps', () => {
    const root = fakeWorkspace({
      'apps/admin/project.json': project('admin', ['type:app', 'scope:client']),
      'apps/admin/src/x.ts': "import { createDb } from '@trygg/db';",
      'libs/db/project.json': project('db', ['type:data']),
      'libs/db/src/y.ts': "import { createApp } from '@trygg/api';",
      'apps/api/project.json': project('api', ['type:app', 'scope:server']),
    });
    expect(checkBoundaries(root).map((v) => v.problem)).toEqual([
      'admin [type:app, scope:client] may not import db [type:data]',
      'db [type:data] may not import api [type:app, scope:server]',
    ]);
  });

  it('reads static, re-export, side-effect and dynamic imports', () => {
    expect(importsOf("import a from 'a';\nexport { b } from 'b';\nimport 'c';\nconst d = await import('d');\nimport type { E } from 'e';")).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });
});
