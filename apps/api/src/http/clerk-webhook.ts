import { verifyWebhook } from '@clerk/backend/webhooks';
import type { NextFunction, Request, Response } from 'express';
import { AppError, type Logger } from '@iris/core';
import type { ClerkWebhookService } from '@iris/identity';
import { sendError } from './errors.ts';
import { requestIdOf } from './request-id.ts';

export const CLERK_WEBHOOK_PATH = '/webhooks/clerk';
/** Clerk's payloads are a few kilobytes; this is generous. */
export const CLERK_WEBHOOK_MAX_BYTES = 1024 * 1024;

const SVIX_HEADERS = ['svix-id', 'svix-timestamp', 'svix-signature'] as const;

/**
 * POST /api/v1/webhooks/clerk — Clerk's user events, signed by Svix (Standard Webhooks). Mounted with
 * express.raw before the JSON parser: the signature covers the exact bytes. No session auth (the
 * signature is the authentication) and no rate limit (Svix retries what we refuse). Nothing is changed
 * unless the signature verifies; every verified delivery is answered 200 once processed — also when Iris
 * skips it — so Svix does not retry it forever. The one exception is a 503 when Clerk itself could not be
 * asked whether a newly created user still exists: nothing is recorded, and Svix's retry processes it.
 */
export function clerkWebhookHandler(deps: {
  service: ClerkWebhookService;
  signingSecret: string | undefined;
  logger: Logger;
}) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      if (!deps.signingSecret) {
        sendError(
          res,
          new AppError('SERVICE_UNAVAILABLE', 'Clerk webhooks are not configured on this server.'),
        );
        return;
      }
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body)) {
        sendError(
          res,
          new AppError('WEBHOOK_SIGNATURE_INVALID', 'The webhook must be a signed application/json body.'),
        );
        return;
      }
      const headers = new Headers({ 'content-type': 'application/json' });
      for (const name of SVIX_HEADERS) {
        const value = req.get(name);
        if (value) headers.set(name, value);
      }
      let event: { type: string; data: unknown };
      try {
        event = await verifyWebhook(
          new Request(`http://iris.invalid${req.originalUrl}`, {
            method: 'POST',
            headers,
            body: new Uint8Array(body),
          }),
          { signingSecret: deps.signingSecret },
        );
      } catch {
        sendError(
          res,
          new AppError(
            'WEBHOOK_SIGNATURE_INVALID',
            'The webhook signature is missing, invalid or too old (svix-id, svix-timestamp, svix-signature).',
          ),
        );
        return;
      }
      const eventId = req.get('svix-id')!.trim();
      const result = await deps.service.handle(
        { eventId, type: event.type, data: event.data },
        { actor: { kind: 'system', source: 'clerk' }, requestId: requestIdOf(res), ip: req.ip },
      );
      if (result.outcome === 'conflict' || result.outcome === 'invalid') {
        deps.logger.warn(
          {
            requestId: requestIdOf(res),
            eventId,
            eventType: event.type,
            outcome: result.outcome,
            reason: result.reason,
            userId: result.userId,
            conflictingUserId: result.conflictingUserId,
            duplicate: result.duplicate,
          },
          'Clerk webhook skipped',
        );
      }
      res.status(200).json({
        received: true,
        eventId,
        type: event.type,
        outcome: result.outcome,
        duplicate: result.duplicate,
      });
    } catch (error) {
      next(error);
    }
  };
}
