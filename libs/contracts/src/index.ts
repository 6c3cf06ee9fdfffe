export * from './common';
export * from './organisation';
export * from './cases';
export * from './problems';
export * from './responses';
export * from './case-work';
export * from './conversations';
export * from './external-bodies';
