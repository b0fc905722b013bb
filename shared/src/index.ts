export * from './api/index.ts';
export * from './drift.ts';
export * from './outcomes.ts';
export * from './rules.ts';
export * from './sync-model.ts';
