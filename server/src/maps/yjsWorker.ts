/**
 * The relay's Yjs worker thread (started by `WorkerOffload`): runs the offloaded jobs on big
 * maps, so decoding, merging and encoding megabytes never blocks the relay's event loop.
 * It lives with the maps because compaction summaries need the models.
 */
import { parentPort } from 'node:worker_threads';
import { DocCores } from '../rooms/DocCore.ts';
import { jobs } from '../rooms/Offload.ts';
import type { OffloadReply, OffloadRequest } from '../rooms/WorkerOffload.ts';
import { reviewModel } from './reviewModel.ts';
import { sharedModel } from './sharedModel.ts';

const models = new Map([
  ['map', sharedModel],
  ['review', reviewModel],
]);

/** The authoritative docs of big maps' rooms, hosted here (`rooms/DocHost.ts`). */
const hosted = new DocCores(models);

function run(request: OffloadRequest): {
  result: Extract<OffloadReply, { ok: true }>['result'];
  transfer: ArrayBuffer[];
} {
  switch (request.job) {
    case 'slice': {
      const result = jobs.slice(request.update);
      const transfer =
        result.kind === 'slices' ? result.slices.map((s) => s.buffer as ArrayBuffer) : [];
      return { result, transfer };
    }
    case 'state': {
      const result = jobs.state(request.stored, request.stateVector);
      return { result, transfer: [result.buffer as ArrayBuffer] };
    }
    case 'compact': {
      const model = request.model === null ? undefined : models.get(request.model);
      const result = jobs.compact(request.stored, model);
      return { result, transfer: [result.snapshot.buffer as ArrayBuffer] };
    }
    case 'host':
      return hosted.run(request.key, request.op);
  }
}

parentPort?.on('message', ({ id, request }: { id: number; request: OffloadRequest }) => {
  let reply: OffloadReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const done = run(request);
    reply = { id, ok: true, result: done.result };
    transfer = done.transfer;
  } catch (error) {
    reply = { id, ok: false, error: String(error) };
  }
  parentPort?.postMessage(reply, transfer);
});
