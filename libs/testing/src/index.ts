export {
  createTestDatabase,
  ensureTemplate,
  migrationsHash,
  testDatabaseBaseUrl,
  DEFAULT_TEST_DATABASE_URL,
  type TestDatabase,
} from './database';
export {
  createTestRedis,
  uniqueRedisPrefix,
  DEFAULT_TEST_REDIS_URL,
  type TestRedis,
} from './redis';
export {
  startSmtpReceiver,
  type ReceivedMail,
  type SmtpFailure,
  type SmtpReceiver,
} from './smtp';
export { decodeEncodedWords, parseMessage, type ParsedMessage } from './mime';
export { seedSchool, type SeededSchool } from './seed';
