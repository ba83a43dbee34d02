/**
 * Names BullMQ accepts. A queue name may not contain ":" (BullMQ joins Redis keys with it), and a custom job id
 * may be neither an integer string ("17" would clash with BullMQ's own counter ids) nor contain ":".
 */
import { InvalidInputError, quote } from '../../core/errors.js';

/** The queue of one optimization run: `optimize-<runId>`. */
export function optimizationQueueName(runId: string): string {
  if (!/^[A-Za-z0-9_.-]+$/.test(runId))
    throw new InvalidInputError(`run id ${quote(runId)} must contain only letters, digits, "_", "." and "-"`);
  return `optimize-${runId}`;
}

/**
 * The BullMQ job id of a trial: "t-" + the trial id with "%" written "%25" and ":" written "%3A". The mapping
 * is deterministic and one-to-one, so a trial enqueued twice maps to the same job (BullMQ ignores the second
 * add: idempotent enqueue) and two trials never share a job.
 */
export function trialJobId(trialId: string): string {
  if (trialId.length === 0) throw new InvalidInputError(`trial id ${quote(trialId)} must not be empty`);
  return `t-${trialId.replaceAll('%', '%25').replaceAll(':', '%3A')}`;
}
