export * from './common.ts';
export * from './connections.ts';
export * from './leavers.ts';
export * from './runs.ts';
export * from './setup.ts';
export * from './tokens.ts';
export * from './users.ts';
