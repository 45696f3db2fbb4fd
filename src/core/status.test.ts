import { describe, expect, it } from 'vitest';
import { EXIT_CODE, worst } from './status.js';

describe('worst-of, as monitoring-plugins max_state_alt', () => {
  it('orders CRIT > WARN > UNKNOWN > OK', () => {
    expect(worst(['OK', 'UNKNOWN'])).toBe('UNKNOWN');
    expect(worst(['UNKNOWN', 'WARN', 'OK'])).toBe('WARN');
    expect(worst(['WARN', 'CRIT', 'UNKNOWN'])).toBe('CRIT');
    expect(worst([])).toBe('OK');
  });
  it('maps to Nagios exit codes', () => {
    expect([EXIT_CODE.OK, EXIT_CODE.WARN, EXIT_CODE.CRIT, EXIT_CODE.UNKNOWN]).toEqual([0, 1, 2, 3]);
  });
});
