/** viewer reads; operator signs off, acknowledges, silences, opens maintenance; admin also manages users. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Readonly<Record<Role, number>> = { viewer: 0, operator: 1, admin: 2 };

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** Whether `role` may do what `needed` may. */
export function allows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}
