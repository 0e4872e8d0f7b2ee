import type { RequestContext } from '../auth/actor';
import type { LoadedSession } from '../auth/sessions';

declare global {
  namespace Express {
    interface Request {
      ctx: RequestContext;
      session?: LoadedSession;
    }
  }
}
export {};
