export * from './outcomes.ts';
export * from './rules.ts';
export * from './sync-model.ts';
