export * from './common';
export * from './organisation';
export * from './cases';
