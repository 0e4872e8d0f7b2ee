/** What other parts of the server may use from billing: the only file they import. */
export { BillPaymentBody, applyBillPayment } from './apply-payment';
export { postLedgerEntry } from './ledger';
export { checkLedger } from './ledger-check';
export { billingResources } from './resources';
export { billingRoutes } from './routes';
