// Before the worker takes jobs: what can be checked or opened at start-up is not left to the
// first message (07:30 on a school day, with every reminder of the day due at once).
import { previewMessages, renderMessage } from '@trygg/notifications';
import type postgres from 'postgres';

export interface WarmUpDeps {
  sql: postgres.Sql;
  /** Connections to open: the jobs that run at once. */
  connections: number;
  appUrl: string;
}

export interface WarmUpResult {
  templates: number;
  connections: number;
}

/**
 * Renders every template in both languages — a template that cannot render stops the start
 * here, not at the first real message — and opens the database pool's connections.
 */
export async function warmUp(deps: WarmUpDeps): Promise<WarmUpResult> {
  let templates = 0;
  for (const entry of previewMessages()) {
    for (const lang of ['nb', 'nn'] as const) {
      await renderMessage(entry.props.message, { lang, appUrl: deps.appUrl });
      templates += 1;
    }
  }
  await Promise.all(Array.from({ length: deps.connections }, () => deps.sql`select 1`));
  return { templates, connections: deps.connections };
}
