/**
 * Who may do what, by role: a viewer reads maps, pools and market maps without
 * contact details; a sourcer also edits pipelines, imports and exports; an
 * admin also manages users, erases candidates and reads the audit log.
 */

export const ROLES = ['viewer', 'sourcer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

/** Whether `role` has at least the rights of `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}

/** Contact details (e-mail, profile links, phone) are for sourcers and admins. */
export function seesContactDetails(role: Role | undefined): boolean {
  return role !== undefined && hasRole(role, 'sourcer');
}
