// `npm start`: brings up the API, the worker and the web app for a newcomer, with prefixed logs.
// Child processes inherit this environment; without DATABASE_URL/REDIS_URL they use the
// embedded defaults (see README).
import { spawn, type ChildProcess } from 'node:child_process';

interface Service {
  name: string;
  command: string;
  args: string[];
}

const services: Service[] = [
  { name: 'api', command: 'tsx', args: ['apps/api/src/main.ts'] },
  { name: 'worker', command: 'tsx', args: ['apps/worker/src/main.ts'] },
  { name: 'admin', command: 'vite', args: ['--config', 'apps/admin/vite.config.ts', 'apps/admin'] },
];

const children: ChildProcess[] = [];
let stopping = false;

function stopAll(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 5_000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))))).then(() => process.exit(code));
}

for (const service of services) {
  const child = spawn(service.command, service.args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'UTC' } });
  const prefix = `[${service.name}]`.padEnd(9);
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) console.log(`${prefix} ${line}`);
    });
  }
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${prefix} stopped (exit ${code}); stopping the rest`);
      stopAll(code ?? 1);
    }
  });
  children.push(child);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
