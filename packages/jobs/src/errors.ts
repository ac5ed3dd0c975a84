import { AppError, fieldIssues } from '@iris/core';
import type { z } from 'zod';

/**
 * The error for a job payload or enqueue options that fail their schema: JOB_PAYLOAD_INVALID, a 500, since
 * the code that built them is wrong, not the client. The message names the job and summarises the issues
 * (`path: message; …`, short enough for graphile_worker's last_error) for the log; `details.issues` is the
 * shared field-issue shape (dotted paths and messages, never the rejected values).
 */
export function jobPayloadInvalid(what: string, job: string, error: z.ZodError): AppError {
  const issues = fieldIssues(error.issues);
  const summary = issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');
  return new AppError('JOB_PAYLOAD_INVALID', `${what} for job "${job}": ${summary}`, { job, issues });
}
