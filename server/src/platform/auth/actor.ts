import type { Locale, Role } from '@closure-desk/shared';

/** The signed-in staff member a request acts for. */
export interface Actor {
  id: number;
  email: string;
  fullName: string;
  role: Role;
}

/** Who did it and from where: what every use case needs for its audit event. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string;
  /** The caller's language (Accept-Language): the language of the messages answered to them. */
  locale?: Locale;
  /** On an intake call, the name of the intake key that signed it: the actor its audit events name. */
  intakeName?: string;
}
