import { count } from '../format.js';

/*
 * Words every kind and the runner share: how a command failed, lists cut
 * short. Keys start with `check.`.
 */
export const en = {
  'check.timedOutAfter': (p: { sec: number; what: string }) =>
    `timed out after ${p.sec} s${p.what ? `: ${p.what}` : ''}`,
  'check.failedWith': (p: { what: string; why: string }) => `${p.what}: ${p.why}`,
  'check.failed': (p: { what: string; why: string }) => `${p.what} failed: ${p.why}`,
  'check.noResult': (p: { what: string }) => `${p.what}: no result`,
  'check.threw': (p: { error: string }) => `check failed: ${p.error}`,
  'check.cannotPlan': (p: { error: string }) => `cannot plan the check: ${p.error}`,
  'check.internal': (p: { kind: string }) => `${p.kind} failed`,
  'check.internalError': (p: { error: string }) => `internal error: ${p.error}`,
  'check.noReason': 'no reason given',
  'check.why.timedOut': 'timed out',
  'check.why.truncated': 'output truncated',
  'check.why.notFound': 'command not found',
  'check.why.exit': (p: { code: number | null }) => `exit ${p.code}`,
  'check.why.failed': 'failed',
  'check.more': (p: { n: number }) => `… (${p.n} more)`,
  'check.unexpectedLine': (p: { line: string }) => `unexpected line: ${p.line}`,
  'check.unknownLines': (p: { n: number }) => count('en', p.n, 'unknown line', 'unknown lines'),
  /** Between the reasons a summary strings together (French puts a space before `;`). */
  'check.semicolon': '; ',
};

export const fr: typeof en = {
  'check.timedOutAfter': (p) => `délai dépassé après ${p.sec} s${p.what ? ` : ${p.what}` : ''}`,
  'check.failedWith': (p) => `${p.what} : ${p.why}`,
  'check.failed': (p) => `échec de ${p.what} : ${p.why}`,
  'check.noResult': (p) => `${p.what} : aucun résultat`,
  'check.threw': (p) => `la vérification a échoué : ${p.error}`,
  'check.cannotPlan': (p) => `impossible de préparer la vérification : ${p.error}`,
  'check.internal': (p) => `échec de ${p.kind}`,
  'check.internalError': (p) => `erreur interne : ${p.error}`,
  'check.noReason': 'aucune raison donnée',
  'check.why.timedOut': 'délai dépassé',
  'check.why.truncated': 'sortie tronquée',
  'check.why.notFound': 'commande introuvable',
  'check.why.exit': (p) => `code de sortie ${p.code}`,
  'check.why.failed': 'échec',
  'check.more': (p) => `… (${p.n} de plus)`,
  'check.unexpectedLine': (p) => `ligne inattendue : ${p.line}`,
  'check.unknownLines': (p) => count('fr', p.n, 'ligne inconnue', 'lignes inconnues'),
  'check.semicolon': ' ; ',
};
