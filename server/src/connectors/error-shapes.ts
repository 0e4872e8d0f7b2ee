import { z } from 'zod';
import type { AppError } from '../platform/errors';
import type { ErrorShape } from '../platform/http/error-handler';

/**
 * A peer reads our refusals in its own interface's shape, not API.md's: the SM-DP+ an ES2+
 * `header.functionExecutionStatus` `Failed` with SGP.22 subject and reason codes, the network a
 * TM Forum (TMF630) `Error`. The HTTP status is ours (400 for bad input, 401 for a wrong key).
 */
export const Es2plusErrorAnswer = z.object({
  header: z.object({
    functionExecutionStatus: z.object({
      status: z.literal('Failed'),
      statusCodeData: z.object({ subjectCode: z.string(), reasonCode: z.string(), subjectIdentifier: z.string().optional(), message: z.string() }),
    }),
  }),
});

export const Tmf630ErrorAnswer = z.object({
  code: z.string(),
  reason: z.string(),
  message: z.string(),
  status: z.string(),
  '@type': z.literal('Error'),
});

/** SGP.22 subject codes: the element an error is about (8.1.1 the EID, 8.2.1 the profile's ICCID), else the function call (8.1). */
const subjectOf = (path: string | undefined) => (path?.startsWith('iccid') ? '8.2.1' : path?.startsWith('eid') ? '8.1.1' : '8.1');

/**
 * SGP.22 reason codes: 1.1 unknown requester (authentication), 2.1 invalid, 2.2 mandatory element
 * missing, 3.9 unknown (no such profile), 4.2 execution error (anything else on our side).
 */
function es2plusReason(err: AppError, missing: boolean): string {
  switch (err.status) {
    case 401: return '1.1';
    case 404: return '3.9';
    case 400: case 413: case 415: return missing ? '2.2' : '2.1';
    default: return '4.2';
  }
}

function es2plusBody(err: AppError): unknown {
  const first = (err.details?.[0] ?? undefined) as { path?: string; message?: string } | undefined;
  const missing = /required|expected .*received undefined/i.test(first?.message ?? '');
  return {
    header: {
      functionExecutionStatus: {
        status: 'Failed',
        statusCodeData: {
          subjectCode: err.status === 401 ? '8.1' : subjectOf(first?.path ?? (err.status === 404 ? 'iccid' : undefined)),
          reasonCode: es2plusReason(err, missing),
          ...(first?.path ? { subjectIdentifier: first.path } : {}),
          message: err.messageIn('en'),
        },
      },
    },
  };
}

const TMF_REASON: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };

function tmf630Body(err: AppError): unknown {
  return { code: String(err.status), reason: TMF_REASON[err.status] ?? 'Internal Server Error', message: err.messageIn('en'), status: String(err.status), '@type': 'Error' };
}

/** The peers' endpoints (their POSTs, as mounted under /api) and the shape each answers its errors in. */
export const PEER_ERROR_SHAPES: ErrorShape[] = [
  { method: 'POST', path: '/api/peers/es2plus/handleDownloadProgressInfo', body: es2plusBody },
  { method: 'POST', path: '/api/peers/tmf641/listener', body: tmf630Body },
];
