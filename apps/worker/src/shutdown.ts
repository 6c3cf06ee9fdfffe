// Graceful shutdown on SIGTERM. `worker.close()` waits for the active jobs with no timeout — a
// job stuck on a dead SMTP socket would keep the process alive until the orchestrator kills
// it — so it is raced against a timer. Past the timer there is nothing more to ask BullMQ:
// `close(true)` after `close()` only returns the close already under way (bullmq 6.7
// Worker.close). The caller exits the process instead; the hung job's lock then lapses,
// BullMQ re-runs it as stalled, and the ledger claim (with its lease) keeps the email from
// going twice.

export interface Closable {
  close(): Promise<void>;
}

export interface ShutdownOptions {
  workers: readonly Closable[];
  /** How long the workers may take to finish their active jobs. */
  timeoutMs: number;
  /** Closed after the workers, in order (queues, database, mailer…), each given `graceMs`. */
  resources?: readonly { name: string; close: () => Promise<void> | void }[];
  /** Per resource. Default 2 s. */
  graceMs?: number;
  log?: { info(m: string, f?: Record<string, unknown>): void; warn(m: string, f?: Record<string, unknown>): void };
}

export interface ShutdownResult {
  workers: 'closed' | 'timed-out';
  /** Resources that did not close within their grace (or threw). */
  unclosed: string[];
  elapsedMs: number;
}

/** Resolves with the promise's value, or with `onTimeout` after `ms`; never leaves a timer behind. */
async function within<T, U>(promise: Promise<T>, ms: number, onTimeout: U): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<U>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Returns the shutdown function; calling it again (a second signal) returns the same run. */
export function createShutdown(options: ShutdownOptions): () => Promise<ShutdownResult> {
  let running: Promise<ShutdownResult> | undefined;
  const graceMs = options.graceMs ?? 2_000;
  const run = async (): Promise<ShutdownResult> => {
    const started = Date.now();
    const closing = Promise.all(options.workers.map((w) => w.close())).then(() => 'closed' as const);
    closing.catch(() => undefined);
    const workers = await within(closing, options.timeoutMs, 'timed-out' as const).catch(() => 'closed' as const);
    if (workers === 'timed-out') {
      options.log?.warn('workers did not finish their jobs in time; leaving them', { timeoutMs: options.timeoutMs });
    }
    const unclosed: string[] = [];
    for (const resource of options.resources ?? []) {
      const ok = await within(
        Promise.resolve()
          .then(() => resource.close())
          .then(() => true),
        graceMs,
        false,
      ).catch(() => false);
      if (!ok) unclosed.push(resource.name);
    }
    const result = { workers, unclosed, elapsedMs: Date.now() - started };
    options.log?.info('shut down', result);
    return result;
  };
  return () => (running ??= run());
}
