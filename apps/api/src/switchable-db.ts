// Test-only: a database handle whose target can be changed after the app is built — to run the
// app's queries on another pool of the same test database (the restricted application role),
// or inside a transaction that the test rolls back after each request (authz.int.test.ts).
import type { Db } from '@trygg/db';

export interface SwitchableDb {
  db: Db;
  use: (db: Db) => void;
  current: () => Db;
}

export function switchableDb(initial?: Db): SwitchableDb {
  let target: Db | undefined = initial;
  const current = () => {
    if (!target) throw new Error('switchableDb: no database set yet');
    return target;
  };
  const db = new Proxy({} as Db, {
    get(_shell, prop) {
      const t = current();
      const value = Reflect.get(t, prop, t) as unknown;
      // Methods run on the real handle; the constructor stays as it is (drizzle's is() reads it).
      return typeof value === 'function' && prop !== 'constructor' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
    has: (_shell, prop) => Reflect.has(current(), prop),
    getPrototypeOf: () => Reflect.getPrototypeOf(current()),
  });
  return { db, use: (next) => (target = next), current };
}
