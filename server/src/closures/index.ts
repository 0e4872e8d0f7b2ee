/** What other parts of the server may use from closures: the only file they import. */
export { createClosureRequest, referenceFor } from './create-closure-request';
export { closureExportRoutes } from './export';
export { lockClosureRequest, lockCustomer, openRequestIdsOf } from './repository';
export { handOverOpenRequests } from './hand-over';
export { closureRequestResource } from './resources';
export { OPEN_STATUS_SQL, overdueSql } from './open-status-sql';
export { closureRoutes } from './routes';
export { withdrawByCustomer } from './withdraw-by-customer';
export { answerByCustomer } from './answer-by-customer';
export { appealRejection } from './appeal';
export { customerStatus } from './customer-status';
export { infoWaitJob } from './info-wait-job';
export { closingFinisherJob, finishClosing } from './finish-closing';
