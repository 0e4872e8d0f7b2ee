export * from './domain';
export * from './error-codes';
export * from './masking';
export * from './money';
