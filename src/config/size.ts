import { z } from 'zod';

/* Sizes in the config (`20G`, `500MiB`) and in messages (`3.0 GiB`), binary units. */

const UNITS: Record<string, number> = { '': 1, B: 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40 };
const SIZE_RE = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?$/i;

/** `20G`, `500MiB`, `1.5T` (binary units) or a number of bytes. */
export function parseSize(s: string | number): number {
  if (typeof s === 'number') return s;
  const m = SIZE_RE.exec(s.trim());
  if (!m) throw new Error(`invalid size "${s}": expected e.g. 500M, 20G, 1.5T or a number of bytes`);
  return Math.round(Number(m[1]) * UNITS[m[2]!.toUpperCase()]!);
}

/** A size in the config; parses to bytes. */
export const sizeSchema = z
  .union([z.number().nonnegative(), z.string().regex(SIZE_RE, 'a size such as 500M, 20G, 1.5T')])
  .transform((v) => parseSize(v));

/** `278 KiB`, `3.0 GiB`, `12 TiB`: one decimal below 10, whole numbers above. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 && i > 0 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
