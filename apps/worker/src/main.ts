// Composition root of the worker: the only place that reads process.env.
import { parseWorkerEnv } from './env';
import { createConsoleLogger } from './log';
import { startWorker } from './worker';

const log = createConsoleLogger('worker');

try {
  const env = parseWorkerEnv(process.env);
  const worker = await startWorker(env, log);
  // Ctrl-C reaches both `npm start` and this process, which then also gets the SIGTERM
  // `npm start` forwards: shutdown() is one run however often it is called, bounded by
  // SHUTDOWN_TIMEOUT_MS.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      log.info('stopping', { signal });
      void worker.shutdown().then((result) => process.exit(result.workers === 'closed' && result.unclosed.length === 0 ? 0 : 1));
    });
  }
} catch (error) {
  log.error('failed to start', { error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
