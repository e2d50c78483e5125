/** Rounding intervals live in normalizers/interval (the fact index blocks disagreeing duplicates with them); the rules import them from here. */
export * from '../normalizers/interval.js';
