/** What other parts of the server may use from live: the only file they import. */
export { presenceBoardFor } from './presence';
export { liveRoutes } from './routes';
