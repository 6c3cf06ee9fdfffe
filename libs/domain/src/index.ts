export type * from './types';
export {
  OSLO,
  InvalidCalendarError,
  InvalidDateError,
  NonexistentLocalTimeError,
  createSchoolCalendar,
  localDateTimeToInstant,
  parsePlainDate,
} from './calendar';
export { DEFAULT_POLICY, PolicyError, resolvePolicy, validatePolicy } from './policy';
export { InvalidFactsError, computeCaseDeadlines, enforcementWindowOpensAt } from './deadlines';
export { collapseStaleSteps, deliveryInstant } from './delivery';
export { type PupilConversationInput, pupilConversationDeadlines, pupilConversationDueDate } from './pupil-conversations';
export * from './lifecycle';
export * from './plan';
export * from './routing';
