import type { Clock } from '@iris/core';
import { inTransaction, type Db } from '@iris/db';
import { signedHeaders } from './signing.ts';
import { webhookUrlProblem } from './url-guard.ts';
import type { WebhookDeliveryRepository, WebhookDeliveryStatus } from './webhook-delivery.repository.ts';
import { postWebhook, type WebhookResponse } from './webhook-http.ts';

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 10_000;

/** What one run of the delivery job did. */
export type DispatchResult =
  | { outcome: 'succeeded'; attemptNo: number; statusCode: number }
  /** Not sent: no such delivery, or it is no longer pending (succeeded, failed, or being handled). */
  | { outcome: 'skipped'; reason: string }
  /** Ended without retrying: the endpoint is gone or disabled, or its address is refused. */
  | { outcome: 'failed'; reason: string; attemptNo: number | null };

/** A failed attempt that graphile-worker should retry (the delivery stays pending unless it was the last). */
export class WebhookAttemptFailedError extends Error {
  override name = 'WebhookAttemptFailedError';
  readonly deliveryId: string;
  readonly attemptNo: number;
  readonly final: boolean;

  constructor(deliveryId: string, attemptNo: number, reason: string, final: boolean) {
    super(`Webhook delivery ${deliveryId}, attempt ${attemptNo}: ${reason}`);
    this.deliveryId = deliveryId;
    this.attemptNo = attemptNo;
    this.final = final;
  }
}

function describeFailure(response: WebhookResponse): string {
  if (response.kind === 'failed') return response.error;
  if (response.statusCode >= 300 && response.statusCode < 400) {
    return `HTTP ${response.statusCode} (redirects are not followed)`;
  }
  return `HTTP ${response.statusCode}`;
}

/**
 * Sends webhook deliveries (the notification__deliver_webhook job). Each run re-reads the delivery, signs
 * the stored payload with the endpoint's current secret, POSTs it and records the attempt. A non-2xx answer,
 * a timeout or a network error throws WebhookAttemptFailedError so the job is retried with backoff; on
 * the final attempt the delivery is marked failed first (the visible end state).
 */
export class WebhookDispatcher {
  readonly #db: Db;
  readonly #repo: WebhookDeliveryRepository;
  readonly #clock: Clock;
  readonly #allowPrivate: boolean;
  readonly #timeoutMs: number;

  constructor(deps: {
    db: Db;
    repository: WebhookDeliveryRepository;
    clock: Clock;
    allowPrivate: boolean;
    timeoutMs: number;
  }) {
    this.#db = deps.db;
    this.#repo = deps.repository;
    this.#clock = deps.clock;
    this.#allowPrivate = deps.allowPrivate;
    this.#timeoutMs = deps.timeoutMs;
  }

  async deliver(
    deliveryId: string,
    options: { finalAttempt: boolean; signal?: AbortSignal | undefined },
  ): Promise<DispatchResult> {
    const target = await this.#repo.findForDispatch(deliveryId);
    if (!target) return { outcome: 'skipped', reason: 'No such delivery.' };
    if (target.status !== 'pending') return { outcome: 'skipped', reason: `Already ${target.status}.` };

    const { endpoint } = target;
    const stop = endpoint.deletedAt
      ? 'The endpoint was deleted.'
      : !endpoint.active
        ? 'The endpoint is disabled.'
        : webhookUrlProblem(endpoint.url, { allowPrivate: this.#allowPrivate });
    if (stop) {
      await this.#repo.markFailed(deliveryId, stop);
      return { outcome: 'failed', reason: stop, attemptNo: null };
    }

    const at = this.#clock.now();
    const attemptNo = await this.#repo.claimAttempt(deliveryId, at);
    if (attemptNo === null) return { outcome: 'skipped', reason: 'No longer pending.' };

    const body = JSON.stringify(target.payload);
    const response = await postWebhook({
      url: endpoint.url,
      headers: signedHeaders(endpoint.secret, target.eventId, at, body),
      body,
      timeoutMs: this.#timeoutMs,
      allowPrivate: this.#allowPrivate,
      signal: options.signal,
    });
    const ok = response.kind === 'answered' && response.statusCode >= 200 && response.statusCode < 300;
    // A host that resolves to a private address will not get better by retrying: end it now.
    const blocked = response.kind === 'failed' && response.reason === 'blocked';
    const error = ok ? null : describeFailure(response);
    const status: WebhookDeliveryStatus = ok
      ? 'succeeded'
      : blocked || options.finalAttempt
        ? 'failed'
        : 'pending';
    await inTransaction(this.#db, (tx) =>
      this.#repo.recordAttempt(
        deliveryId,
        {
          attemptNo,
          statusCode: response.kind === 'answered' ? response.statusCode : null,
          error: error === null ? null : storableText(error),
          durationMs: response.durationMs,
          responseBody: response.kind === 'answered' ? storableText(response.body) : null,
          at: this.#clock.now(),
          status,
        },
        tx,
      ),
    );
    if (ok) return { outcome: 'succeeded', attemptNo, statusCode: response.statusCode };
    if (blocked) return { outcome: 'failed', reason: error ?? 'blocked', attemptNo };
    throw new WebhookAttemptFailedError(deliveryId, attemptNo, error ?? 'failed', options.finalAttempt);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A receiver's answer as PostgreSQL text can hold it: NUL characters and lone surrogates (which a receiver
 * may well send) become U+FFFD, so logging the attempt can never fail after the receiver already said 2xx.
 */
export function storableText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replaceAll('\u0000', '\uFFFD');
}
