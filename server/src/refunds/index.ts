/** What other parts of the server may use from refunds: the only file they import. */
export { refundResource } from './resources';
export { refundRoutes } from './routes';
