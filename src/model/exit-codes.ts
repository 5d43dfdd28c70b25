// The exit codes, one table for the CLI's one top-level catch and the verdicts' decision.

/** 0 every defence held · 1 a defence failed or the budget broke · 2 invalid input · 3 runtime failure · 4 inconclusive. */
export const EXIT = { ok: 0, failed: 1, invalid: 2, runtime: 3, inconclusive: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
