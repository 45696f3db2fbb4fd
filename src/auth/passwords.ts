import { hash, verify } from '@node-rs/argon2';

/*
 * Password hashes are argon2id with the library's defaults (19 MiB, t=2, p=1:
 * OWASP's minimum), stored as PHC strings so the parameters travel with the hash.
 */

export const MIN_PASSWORD_LENGTH = 10;

export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  return undefined;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** False for a wrong password or a hash that is not argon2 (never throws on bad input). */
export async function checkPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/**
 * A fixed hash to verify against when the user does not exist, so a failed
 * login takes as long whether the name is known or not.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hash('ronde decoy password, never used');
  return decoy;
}
