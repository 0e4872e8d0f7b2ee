/** What other parts of the server may use from retention: the only file they import. */
export { anonymiseClosedCustomers } from './anonymise-closed-customers';
export { retentionJob } from './retention-job';
