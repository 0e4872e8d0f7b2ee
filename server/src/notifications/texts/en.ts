import type { LocaleTexts } from '../templates';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const greeting = 'Dear customer,\n\n';
const staffSignOff = '\n\nThe link works once. If you did not expect this message, do not use the link and tell your administrator.';
const signOff = '\n\nThis message was sent automatically; please do not reply to it. If you have any questions, please contact our customer service.';

export const en: LocaleTexts = {
  date: (d) => {
    const [y, m, day] = d.split('-').map(Number);
    return `${day} ${MONTHS[m! - 1]} ${y}`;
  },
  balanceOutcome: {
    refund: (amount) =>
      `The cash balance on your account${amount ? ` (${amount})` : ''} will be refunded to you; promotional credit cannot be refunded. We will write to you again once the refund has been made.`,
    forfeit: (amount) => `Under the closure terms, the remaining balance on your account${amount ? ` (${amount})` : ''} will not be refunded.`,
    none: () => 'There is no balance on your account to refund.',
  },
  rejectReason: {
    identity_not_verified: 'we could not verify your identity',
    outstanding_bills: 'there are unpaid bills on your account',
    customer_unreachable: 'we were unable to reach you',
    duplicate_request: 'it duplicates another request you have made',
    fraud_suspected: 'the request did not pass our security checks',
    other: 'please contact customer service for details',
  },
  templates: {
    closure_received: {
      subject: 'We have received your account closure request (ref. {reference})',
      email:
        `${greeting}We have received your request to close your account. Your reference number is {reference}; please keep it, as it lets you follow up on your request.\n\n` +
        'We will review your request and tell you the outcome by {dueDate}. If we need anything more from you, we will get in touch.' +
        signOff,
      sms: 'We have received your account closure request, ref. {reference}. We will tell you the outcome by {dueDate}.',
    },
    info_requested: {
      subject: 'We need more information about your closure request (ref. {reference})',
      email:
        `${greeting}To continue with your account closure request (reference {reference}), we need the following from you:\n\n{message}\n\n` +
        'Please send it to us through customer service; we will continue as soon as we receive it. Thank you for your help.' +
        signOff,
      sms: 'To continue your closure request {reference} we need: {message} Please contact customer service. Thank you.',
    },
    closure_approved: {
      subject: 'Your account closure request has been approved (ref. {reference})',
      email:
        `${greeting}Your account closure request (reference {reference}) has been approved. Your service will end on {effectiveDate}.\n\n` +
        '{balanceOutcome}\n\n' +
        'Once the service has ended, please delete the eSIM profile from your device. A closed account cannot be reopened; should you wish to use our service again, you are welcome to open a new account.' +
        signOff,
      sms: 'Your closure request {reference} has been approved. Your service will end on {effectiveDate}. {balanceOutcome}',
    },
    closure_rejected: {
      subject: 'The outcome of your account closure request (ref. {reference})',
      email:
        `${greeting}We are sorry to tell you that we could not approve your account closure request (reference {reference}): {reason}.\n\n` +
        'Your account remains open and works as before. If you have questions or would like to apply again, please contact customer service.' +
        signOff,
      sms: 'We are sorry: your closure request {reference} could not be approved: {reason}. Please contact customer service with any questions.',
    },
    closure_withdrawn: {
      subject: 'Your account closure request has been withdrawn (ref. {reference})',
      email:
        `${greeting}Your account closure request (reference {reference}) has been withdrawn. Your account remains open and there is nothing more you need to do.\n\n` +
        'If you did not ask for this, please contact customer service as soon as possible. Thank you for staying with us.' +
        signOff,
      sms: 'Your closure request {reference} has been withdrawn and your account remains open. If you did not ask for this, please contact customer service.',
    },
    closure_completed: {
      subject: 'Your account has been closed (ref. {reference})',
      email:
        `${greeting}Your account was closed on {effectiveDate}. Your reference number is {reference} and the network's confirmation number {confirmation}; please keep them as proof of the closure.\n\n` +
        'All eSIM numbers on your account have been deactivated. Please delete the eSIM profiles from your devices in their settings.\n\n' +
        'A closed account cannot be reopened; should you wish to use our service again, you are welcome to open a new account. Thank you for having been our customer.' +
        signOff,
      sms: 'Your account was closed on {effectiveDate}, ref. {reference}, confirmation {confirmation}; please keep it. Please delete the eSIM profile from your device.',
    },
    refund_recorded: {
      subject: 'Your refund has been made (ref. {reference})',
      email:
        `${greeting}A refund of {amount} related to your account closure request (reference {reference}) has been made. ` +
        'It will reach the account it is paid to according to the payment provider\'s processing times.' +
        signOff,
      sms: 'A refund of {amount} for your closure request {reference} has been made; when it arrives depends on the payment provider.',
    },
    info_reminder: {
      subject: 'Reminder: we are still waiting for your information (ref. {reference})',
      email:
        `${greeting}We asked you for the following to continue with your account closure request (reference {reference}):\n\n{message}\n\n` +
        'We have not received it yet. Please send it through customer service within {days} days; otherwise the request will be withdrawn and your account stays open.' +
        signOff,
      sms: 'Reminder: to continue your closure request {reference} we still need: {message} Without an answer within {days} days the request will be withdrawn.',
    },
    closure_withdrawn_no_answer: {
      subject: 'Your account closure request has been withdrawn (ref. {reference})',
      email:
        `${greeting}We asked you for more information about your account closure request (reference {reference}) and received no answer within {days} days, so the request has been withdrawn. Your account remains open and works as before.\n\n` +
        'To close your account, you are welcome to ask again at any time in the app or through customer service; we will start a new request.' +
        signOff,
      sms: 'Your closure request {reference} was withdrawn: no answer within {days} days. Your account stays open; to close it, ask again in the app or via customer service.',
    },
    staff_invited: {
      subject: 'Your Closure Desk account: choose your password',
      email:
        'Hello {fullName},\n\nAn account on Closure Desk has been created for you. To start, choose your password here within {hours} hours:\n\n{link}' +
        staffSignOff,
      sms: 'Your Closure Desk account is ready: choose your password within {hours} hours at {link}',
    },
    staff_password_reset: {
      subject: 'Closure Desk: choose a new password',
      email:
        'Hello {fullName},\n\nYour Closure Desk password has been reset by an administrator and your sessions were ended. Choose a new password here within {hours} hours:\n\n{link}' +
        staffSignOff,
      sms: 'Your Closure Desk password was reset: choose a new one within {hours} hours at {link}',
    },
  },
};
