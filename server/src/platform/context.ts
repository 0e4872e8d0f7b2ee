import type { Config } from './config';
import type { Database } from './db/database';
import type { Models } from './db/models';
import type { Logger } from './logging';

/** What every component's routes and use cases are given: no globals. */
export interface AppContext {
  config: Config;
  db: Database;
  models: Models;
  logger: Logger;
}
