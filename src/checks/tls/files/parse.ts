import { hasWildcard } from '../../_shared/glob.js';

/**
 * One `find` per path glob lists the matching files and prints, for each, only its first
 * PEM certificate block (sed): a glob that also matches a private key never sends the key
 * over the wire nor into stored evidence. Records are NUL-framed, since paths may hold newlines:
 *   \0ronde-file\0PATH\0CONTENT   a regular file (CONTENT empty when not PEM or unreadable)
 *   \0ronde-broken\0PATH\0        a symlink to nothing
 */
export const FILE_MARK = 'ronde-file';
export const BROKEN_MARK = 'ronde-broken';
const BEGIN = '-----BEGIN CERTIFICATE-----';
const END = '-----END CERTIFICATE-----';

export interface GlobPlan {
  /** Longest literal directory prefix: where find starts. */
  base: string;
  /** Exact depth below base, or null with `**`. */
  depth: number | null;
}

export function planGlob(glob: string): GlobPlan {
  const segs = glob.split('/').slice(1);
  let lit = segs.findIndex(hasWildcard);
  // A glob without wildcard names one file: start from its directory, so a missing file is
  // told apart from a missing directory.
  if (lit < 0) lit = segs.length - 1;
  const base = `/${segs.slice(0, lit).join('/')}`;
  return { base, depth: glob.includes('**') ? null : segs.length - lit };
}

export function findArgv(glob: string): string[] {
  const { base, depth } = planGlob(glob);
  const sed = `/${BEGIN}/,/${END}/{p;/${END}/q;}`;
  return [
    'find',
    '-L', // certbot's live/*/cert.pem are symlinks into archive/
    base,
    ...(depth === null ? ['-mindepth', '1'] : ['-mindepth', String(depth), '-maxdepth', String(depth)]),
    '-path',
    glob,
    '(',
    '-type',
    'f',
    '-printf',
    `\\0${FILE_MARK}\\0%p\\0`,
    '-exec',
    'sed',
    '-n',
    '-e',
    sed,
    '--',
    '{}',
    ';',
    '-o',
    '-type',
    'l', // with -L, only a dangling symlink is still a link
    '-printf',
    `\\0${BROKEN_MARK}\\0%p\\0`,
    ')',
  ];
}

export interface FoundFile {
  path: string;
  broken: boolean;
  /** The first PEM certificate block, or '' when the file had none (or could not be read). */
  pem: string;
}

export function parseFindOutput(stdout: string): { files: FoundFile[]; malformed: boolean } {
  const tokens = stdout.split('\0');
  const files: FoundFile[] = [];
  let malformed = false;
  let i = 0;
  if (tokens[0] !== '') malformed = true;
  i = 1;
  while (i < tokens.length) {
    const mark = tokens[i];
    const path = tokens[i + 1];
    if ((mark === FILE_MARK || mark === BROKEN_MARK) && path !== undefined && path !== '') {
      files.push({ path, broken: mark === BROKEN_MARK, pem: (tokens[i + 2] ?? '').trim() });
      i += 3;
    } else {
      if (!(mark === '' && i === tokens.length - 1)) malformed = true;
      i += 1;
    }
  }
  return { files, malformed };
}

export interface FindError {
  path: string | null;
  message: string;
  kind: 'missing' | 'denied' | 'other';
}

/** `find: '/etc/letsencrypt/live': Permission denied`, `sed: can't read X: Permission denied`. */
export function parseFindErrors(stderr: string): FindError[] {
  const out: FindError[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const m = /^(?:find: '(.*)'|sed: can't read (.*)): ([^:]+)$/.exec(line);
    const path = m ? (m[1] ?? m[2] ?? null) : null;
    const kind = /Permission denied/.test(line)
      ? 'denied'
      : /No such file or directory/.test(line)
        ? 'missing'
        : 'other';
    out.push({ path, message: line, kind });
  }
  return out;
}
