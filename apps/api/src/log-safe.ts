// What of an error may be written to a log. Logs are read by operators and kept by log systems
// that are not built for confidential data, so an error must not carry what the request carried:
// drizzle's "Failed query" message lists the query's parameters (a pupil's name, an email, a
// national id), and PostgreSQL quotes the offending value in many messages (`invalid input
// syntax for type uuid: "…"`, `Key (email)=(…) already exists` in its detail). Kept: the error's
// class, the SQL with its placeholders, the SQLSTATE, the constraint, table and column, the
// message of errors our own code raised, and the stack frames.

const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_DEPTH = 5;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  cause?: unknown;
  code?: unknown;
  constraint_name?: unknown;
  table_name?: unknown;
  column_name?: unknown;
}

function describeOne(e: ErrorLike): string {
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : '';
  const isDatabase = typeof e.code === 'string' && SQLSTATE.test(e.code);
  let text: string;
  if (message.startsWith('Failed query:')) {
    // drizzle: "Failed query: <sql>\nparams: <values>" — the SQL only.
    text = message.split('\nparams:')[0]!;
  } else if (isDatabase) {
    // PostgreSQL quotes values in its messages; constraint and table names come from the fields below.
    text = message.replace(/"[^"]*"/g, '"…"').replace(/\([^()]*\)=\([^()]*\)/g, '(…)=(…)');
  } else {
    text = message;
  }
  const fields = isDatabase
    ? [
        `sqlstate ${String(e.code)}`,
        ...(['constraint_name', 'table_name', 'column_name'] as const)
          .filter((k) => typeof e[k] === 'string')
          .map((k) => `${k.replace('_name', '')} ${String(e[k])}`),
      ]
    : [];
  return `${name}: ${text}${fields.length ? ` [${fields.join(', ')}]` : ''}`;
}

/** One string for the log: each error of the cause chain without what the request carried, then the stack frames. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error) && (typeof error !== 'object' || error === null)) return `thrown: ${typeof error}`;
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < MAX_DEPTH; depth += 1) {
    parts.push(describeOne(e as ErrorLike));
    e = (e as ErrorLike).cause;
  }
  const stack = typeof (error as ErrorLike).stack === 'string' ? ((error as ErrorLike).stack as string) : '';
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12);
  return [parts.join('\n  caused by '), ...frames].join('\n');
}
