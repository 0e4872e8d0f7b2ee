/** What other parts of the server may use from settings: the only file they import. */
export { settingsRoutes } from './routes';
