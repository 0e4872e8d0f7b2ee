/** What other parts of the server may use from customers: the only file they import. */
export { ProfileEventBody, applyProfileEvent } from './apply-profile-event';
export { findCustomerByAccountNo } from './repository';
export { customerResources } from './resources';
export { customerRoutes } from './routes';
export { ensureSearchIndex, keyFor, reindexCustomers } from './search-index';
export { customerIdsSql, requestIdsByReferenceSql, searchTerm, type Bind, type SearchTerm } from './search-sql';
