/**
 * zonemaster-cli's `--json-stream --json-translate` output: one JSON object per line,
 * `{level, module, tag, testcase, args, message, timestamp}` (`--json` gives the same
 * objects in one array, without `message`; both are read). Parsing never throws.
 */
export type Level = 'CRITICAL' | 'ERROR' | 'WARNING' | 'NOTICE' | 'INFO' | 'DEBUG';
const LEVELS: readonly Level[] = ['CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

export interface ZmMessage {
  level: Level;
  module: string;
  tag: string;
  testcase: string;
  args: Record<string, unknown>;
  message?: string;
}

export function parseZonemaster(stdout: string): ZmMessage[] | null {
  const text = stdout.trim();
  let json: unknown;
  try {
    json = text.startsWith('[')
      ? JSON.parse(text)
      : text === ''
        ? []
        : text.split('\n').map((l) => JSON.parse(l));
  } catch {
    return null;
  }
  if (!Array.isArray(json)) return null;
  const out: ZmMessage[] = [];
  for (const m of json as Record<string, unknown>[]) {
    if (typeof m !== 'object' || m === null) continue;
    const level = String(m.level ?? '').toUpperCase() as Level;
    if (!LEVELS.includes(level) || typeof m.tag !== 'string') continue;
    out.push({
      level,
      module: typeof m.module === 'string' ? m.module : '',
      tag: m.tag,
      testcase: typeof m.testcase === 'string' ? m.testcase : '',
      args:
        typeof m.args === 'object' && m.args !== null && !Array.isArray(m.args)
          ? (m.args as Record<string, unknown>)
          : {},
      ...(typeof m.message === 'string' ? { message: m.message } : {}),
    });
  }
  return out;
}

/** Only what a person should act on: WARNING and worse. */
export function actionable(ms: readonly ZmMessage[]): ZmMessage[] {
  return ms.filter((m) => m.level === 'CRITICAL' || m.level === 'ERROR' || m.level === 'WARNING');
}

/** The identity of a finding across runs: its message id and arguments (not its time). */
export function findingKey(m: Pick<ZmMessage, 'module' | 'tag' | 'args'>): string {
  const args = Object.keys(m.args)
    .sort()
    .map((k) => `${k}=${JSON.stringify(m.args[k])}`)
    .join(',');
  return `${m.module}/${m.tag}(${args})`;
}

/** One line: the translated text when zonemaster gave it, else the id with its arguments. */
export function findingText(m: ZmMessage): string {
  const args = Object.entries(m.args)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
  return `${m.level} ${m.tag}: ${m.message?.trim() || args || m.testcase}`;
}
