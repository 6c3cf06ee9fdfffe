import { sql } from 'drizzle-orm';
import { rowsOf } from './queries/hot-path';
import type { Db } from './types';

/** The application's role (migration 0005): normal rights, but the audit log is read/append only. */
export const APP_ROLE = 'trygg_app';

/** Values of DATABASE_APP_ROLE that turn the role off. */
const OFF = new Set(['', 'none', 'off', 'false']);

export interface AppRoleResolution {
  /** The role for `createDb({ role })`, or null: connect as the login role. */
  role: string | null;
  /** One line for the start-up log: which role, or why none. */
  note: string;
}

const ROLE_NAME = /^[a-z_][a-z0-9_$]{0,62}$/;

/**
 * Which role the app's connections act as, given DATABASE_APP_ROLE (`setting`):
 * - unset: `trygg_app` when it exists and the login role may take it, else none (said why);
 * - 'none' (or '', 'off', 'false'): none;
 * - a role name: that role — an error when it does not exist or cannot be taken, because an
 *   operator who asked for it must not silently get a database connection with more rights.
 * Never on PGlite (`npm start` without DATABASE_URL): api, worker and queues share its one
 * session, so a role taken by one would apply to all of them (and BullMQ's tables are not
 * granted to it).
 */
export async function resolveAppRole(db: Db, setting: string | undefined): Promise<AppRoleResolution> {
  const wanted = setting === undefined ? undefined : setting.trim();
  if (wanted !== undefined && OFF.has(wanted.toLowerCase())) {
    return { role: null, note: `DATABASE_APP_ROLE=${JSON.stringify(setting)}: connecting as the login role (no SET ROLE)` };
  }
  const name = wanted ?? APP_ROLE;
  if (!ROLE_NAME.test(name)) throw new Error(`DATABASE_APP_ROLE: ${JSON.stringify(name)} is not a role name`);
  const result = (await db.execute(sql`
    select version() as version,
           current_user as login,
           exists (select 1 from pg_catalog.pg_roles where rolname = ${name}) as present,
           coalesce((select pg_has_role(current_user, oid, 'MEMBER') from pg_catalog.pg_roles where rolname = ${name}), false) as member
  `)) as unknown;
  const rows = rowsOf<{ version: string; login: string; present: boolean; member: boolean }>(result);
  const info = rows[0];
  if (!info) throw new Error('resolveAppRole: the database answered nothing');
  if (/pglite/i.test(info.version)) {
    return {
      role: null,
      note: `embedded PGlite: not switching to role ${name} (one session shared by api, worker and queues); the audit log is protected by its triggers only`,
    };
  }
  if (!info.present || !info.member) {
    const why = !info.present ? `role ${name} does not exist (migrations not run?)` : `login role ${info.login} is not a member of ${name}`;
    if (wanted !== undefined) throw new Error(`DATABASE_APP_ROLE=${name}: ${why}`);
    return { role: null, note: `${why}: connecting as ${info.login}; the audit log is protected by its triggers only` };
  }
  return { role: name, note: `connections act as role ${name} (login ${info.login}): the audit log is append-only by grant and trigger` };
}
