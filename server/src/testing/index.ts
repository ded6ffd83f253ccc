/**
 * The one helper kit of the unit tests: cursor markers (cursor.ts), workspaces built from strings
 * (workspace.ts), the shared service fixtures (fixtures.ts) and the core engine's helpers (core.ts).
 */
export * from './core';
export * from './cursor';
export * from './fixtures';
export * from './workspace';
export * from './networkChecks';
export * from './storageFixtures';
export * from './randomEdits';
