import type { CheckOutcome } from './check.js';

/**
 * The outcome of a check that cannot tell: UNKNOWN, with the reason as its
 * summary and its one reason (an UNKNOWN always says why). `extra` adds details
 * or marks the subject not applicable.
 */
export function unknown(why: string, extra: Omit<CheckOutcome, 'status' | 'summary'> = {}): CheckOutcome {
  return { status: 'UNKNOWN', summary: why, reasons: [why], ...extra };
}
