// Module boundaries, checked from the Nx project tags.
// @nx/enforce-module-boundaries lives in @nx/eslint-plugin, which has no release matching the
// pinned Nx 23.3.1 (STACK.md: every @nx/* on one version), so the same rule is enforced here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Project {
  name: string;
  root: string;
  tags: string[];
}

/** Which tags a project with the given tag may depend on (apps → libs, one way). */
export const dependencyRules: Record<string, readonly string[]> = {
  'type:domain': ['type:domain'],
  'type:contracts': ['type:contracts', 'type:domain'],
  'type:data': ['type:data', 'type:domain'],
  'type:jobs': ['type:jobs', 'type:domain'],
  'type:notifications': ['type:notifications', 'type:domain'],
  'type:testing': ['type:testing', 'type:data', 'type:domain'],
  'type:scheduling': ['type:scheduling', 'type:data', 'type:domain', 'type:notifications'],
  'type:casefile': ['type:casefile', 'type:data', 'type:domain'],
  'scope:server': ['type:casefile', 'type:scheduling', 'type:domain', 'type:contracts', 'type:data', 'type:jobs', 'type:notifications', 'type:testing', 'scope:server'],
  'scope:client': ['type:contracts', 'type:domain', 'scope:client'],
  'type:tooling': ['type:casefile', 'type:scheduling', 'type:domain', 'type:contracts', 'type:data', 'type:jobs', 'type:notifications', 'type:testing', 'type:tooling', 'scope:server'],
};

/** Third-party packages the pure domain may use: time and holidays, nothing with I/O. */
export const domainPackages = ['temporal-polyfill', 'date-holidays'];

export function findProjects(workspaceRoot: string): Project[] {
  const projects: Project[] = [];
  for (const group of ['apps', 'libs', 'tools']) {
    const dir = join(workspaceRoot, group);
    for (const entry of safeReaddir(dir)) {
      const file = join(dir, entry, 'project.json');
      try {
        const json = JSON.parse(readFileSync(file, 'utf8')) as { name: string; tags?: string[] };
        projects.push({ name: json.name, root: join(dir, entry), tags: json.tags ?? [] });
      } catch {
        // not a project folder
      }
    }
  }
  return projects;
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of safeReaddir(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|tsx)$/.test(entry)) out.push(path);
  }
  return out;
}

export function importsOf(source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|import\s+['"]([^'"]+)['"]/g;
  for (const match of source.matchAll(pattern)) found.push((match[1] ?? match[2] ?? match[3]) as string);
  return found;
}

export interface Violation {
  file: string;
  problem: string;
}

export function checkBoundaries(workspaceRoot: string): Violation[] {
  const projects = findProjects(workspaceRoot);
  const byPackage = new Map(projects.map((p) => [`@trygg/${p.name}`, p]));
  const violations: Violation[] = [];
  for (const project of projects) {
    const allowed = new Set(project.tags.flatMap((tag) => dependencyRules[tag] ?? []));
    const isDomain = project.tags.includes('type:domain');
    for (const file of sourceFiles(join(project.root, 'src'))) {
      const rel = relative(workspaceRoot, file);
      const source = readFileSync(file, 'utf8');
      const isTest = /\.test\.tsx?$/.test(file);
      // The checker's own tests hold import statements as fixture strings.
      if (isTest && project.tags.includes('type:tooling')) continue;
      for (const spec of importsOf(source)) {
        if (spec.startsWith('.')) {
          const target = join(file, '..', spec);
          if (!target.startsWith(project.root)) violations.push({ file: rel, problem: `relative import leaves the project: ${spec}` });
          continue;
        }
        if (/^(apps|libs)\//.test(spec)) {
          violations.push({ file: rel, problem: `deep import ${spec}: import a project by its @trygg/ name` });
          continue;
        }
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string);
        const target = byPackage.get(pkg);
        if (target) {
          if (target === project) continue;
          // Any project's tests may use the shared test fixtures.
          const testFixtures = (isTest || /test-support\.ts$/.test(file)) && target.tags.includes('type:testing');
          if (!testFixtures && !target.tags.some((t) => allowed.has(t))) {
            violations.push({ file: rel, problem: `${project.name} [${project.tags.join(', ')}] may not import ${target.name} [${target.tags.join(', ')}]` });
          }
          continue;
        }
        if (isDomain && !isTest && !domainPackages.includes(pkg)) {
          violations.push({ file: rel, problem: `libs/domain is pure: it may not import ${spec}` });
        }
      }
      if (isDomain && !isTest && /Date\.now\(|new Date\(\s*\)|process\.env|globalThis/.test(source)) {
        violations.push({ file: rel, problem: 'libs/domain reads the clock, the environment or a global' });
      }
    }
  }
  return violations;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
