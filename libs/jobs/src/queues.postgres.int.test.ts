import { queueContract } from './queue-contract';
import { createTempDatabase } from './test-support';

queueContract('PostgreSQL (BullMQ backend)', async () => {
  const database = await createTempDatabase('jobs');
  return { connection: { kind: 'postgres', databaseUrl: database.url }, teardown: database.drop };
});
