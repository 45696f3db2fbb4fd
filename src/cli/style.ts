import type { Status } from '../core/status.js';

/** Colour only for a terminal that wants it: honours NO_COLOR, TERM=dumb and pipes. */
export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && env.TERM !== 'dumb';
}

const CODES = { red: 31, yellow: 33, green: 32, magenta: 35, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

export function paint(on: boolean, style: Style, text: string): string {
  return on ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text;
}

export const STATUS_STYLE: Readonly<Record<Status, Style>> = {
  OK: 'green',
  WARN: 'yellow',
  CRIT: 'red',
  UNKNOWN: 'magenta',
};
