/** What other parts of the server may use from console: the only file they import. */
export { consoleRoutes } from './routes';
