export * from './enums';
export * from './people';
export * from './organisation';
export * from './pupils';
export * from './cases';
export * from './deadlines';
export * from './notifications';
export * from './audit';
