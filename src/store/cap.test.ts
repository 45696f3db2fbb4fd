import { describe, expect, it } from 'vitest';
import { capJson } from './cap.js';

describe('capJson', () => {
  it('keeps small values intact', () => {
    const v = { details: { a: 1, b: ['x'] }, evidence: [] };
    expect(JSON.parse(capJson(v, 1024))).toEqual(v);
  });

  it('cuts a huge stdout to fit, keeps valid JSON and marks it truncated', () => {
    const stdout = 'é'.repeat(200_000);
    const v = { evidence: [{ command: 'apt list', exitCode: 0, stdout }], details: { count: 3 } };
    const json = capJson(v, 64 * 1024);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(64 * 1024);
    const back = JSON.parse(json);
    expect(back.truncated).toBe(true);
    expect(back.evidence[0].truncated).toBe(true);
    expect(back.evidence[0].command).toBe('apt list');
    expect(back.details).toEqual({ count: 3 });
    expect(back.evidence[0].stdout.length).toBeGreaterThan(1000);
  });

  it('shortens huge arrays of small items', () => {
    const v = { details: { packages: Array.from({ length: 50_000 }, (_, i) => `pkg${i}`) } };
    const back = JSON.parse(capJson(v, 8 * 1024));
    expect(back.truncated).toBe(true);
    expect(back.details.truncated).toBe(true);
    expect(back.details.packages.length).toBeGreaterThan(10);
    expect(back.details.packages[0]).toBe('pkg0');
  });

  it('falls back to a marker when nothing else fits', () => {
    const v = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`key${i}`, i]));
    const back = JSON.parse(capJson(v, 200));
    expect(back).toEqual({ truncated: true, originalBytes: expect.any(Number) });
  });
});
