/** The offline evidence verifiers' rules (docs/AUDIT.md), shared by the command line and the console. */
export * from './bytes';
export * from './merkle';
export * from './signed-note';
export * from './event';
export * from './record';
export * from './verify-pack';
export * from './verify-export';
