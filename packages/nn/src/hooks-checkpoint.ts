// The `hooks` namespace of the public API: the conditions and actions of hooks.ts, plus the
// checkpoint and restore actions, so that `hooks.every({ steps: 100 }, hooks.checkpoint())` works.
export * from './hooks.js';
export { checkpoint, restore, type CheckpointHookOptions } from './checkpoint/hooks.js';
