export * from './common.ts';
export * from './connections.ts';
export * from './leavers.ts';
export * from './runs.ts';
export * from './tokens.ts';
export * from './users.ts';
