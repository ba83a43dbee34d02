import type { AccessRole } from '../../store/api-repositories.types.js';

/** Who is calling, once authenticated. */
export interface Principal {
  /** The user name, `key:<id>` for an API key, or `local` when authentication is off. */
  readonly subject: string;
  readonly role: AccessRole;
  readonly via: 'jwt' | 'api-key' | 'local';
}

/** What a route asks of its caller: nothing (`public`), any role (`viewer`), or the `trader` role. */
export type RouteAccess = 'public' | AccessRole;

const RANK: Readonly<Record<AccessRole, number>> = { viewer: 0, trader: 1 };

/** Whether `role` includes everything `required` may do (trader includes viewer). */
export function roleAllows(role: AccessRole, required: AccessRole): boolean {
  return RANK[role] >= RANK[required];
}

/** The caller when authentication is disabled: the server listens on loopback only, so the local user. */
export const LOCAL_PRINCIPAL: Principal = { subject: 'local', role: 'trader', via: 'local' };
