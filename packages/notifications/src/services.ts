import type { Clock } from '@iris/core';
import type { Db } from '@iris/db';
import type { IdentityServices } from '@iris/identity';

export interface NotificationDeps {
  db: Db;
  clock: Clock;
  identity: IdentityServices;
}

/** Everything the notifications area offers, built once per app from its dependencies. */
export function createNotificationServices(deps: NotificationDeps) {
  void deps;
  return {};
}

export type NotificationServices = ReturnType<typeof createNotificationServices>;
