import { parentPort } from 'node:worker_threads';
import { generateBatch, type BatchSpec } from './generate-batch';

// A seed worker thread: generates the batches it is sent and answers them, in the order asked.
parentPort!.on('message', (spec: BatchSpec) => parentPort!.postMessage(generateBatch(spec)));
