import { queueContract } from './queue-contract';
import { flushPrefix, redisUrl, uniquePrefix } from './test-support';

queueContract('Redis', async () => {
  const prefix = uniquePrefix('jobs');
  return { connection: { kind: 'redis', url: redisUrl, prefix }, teardown: async () => void (await flushPrefix(prefix)) };
});
