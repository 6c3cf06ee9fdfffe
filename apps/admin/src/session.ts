// Who is signed in (GET /api/me), shared by the pages.
import { createContext, useContext } from 'react';
import type { z } from 'zod';
import type { personView } from '@trygg/contracts';
import type { ApiProblem } from './errors';

export type Me = z.infer<typeof personView>;

export type Session =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; problem: ApiProblem }
  | { status: 'signedIn'; me: Me };

export interface SessionApi {
  session: Session;
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
  reload: () => void;
}

export const SessionContext = createContext<SessionApi>({
  session: { status: 'loading' },
  signedIn: () => {},
  signOut: async () => {},
  reload: () => {},
});

export const useSession = () => useContext(SessionContext);

/** The signed-in person; only for pages that are shown signed in. */
export function useMe(): Me {
  const { session } = useSession();
  if (session.status !== 'signedIn') throw new Error('useMe outside a signed-in page');
  return session.me;
}

export const worksAtAnySchool = (me: Me) => me.roles.some((r) => r.role === 'staff' || r.role === 'leader' || r.role === 'principal');

export const hasRoleAt = (me: Me, schoolId: string, ...roles: string[]) => me.roles.some((r) => r.schoolId === schoolId && roles.includes(r.role));
