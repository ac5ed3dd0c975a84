import { stockholmParts, stockholmWallTimeToUtc } from '@iris/core';

const HOUR_MS = 60 * 60 * 1000;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface LocalRun {
  /** The Stockholm calendar date the run belongs to (yyyy-MM-dd): part of the job key. */
  localDate: string;
  /** The UTC instant of that wall-clock time on that date. */
  scheduledFor: Date;
}

/**
 * graphile-worker matches crontab patterns against UTC, so "every night at 02:00 in Stockholm" cannot be a
 * cron pattern: it is 01:00 UTC in winter and 00:00 UTC in summer. Instead an hourly cron tick asks this
 * function whether `localTime` (HH:mm, Europe/Stockholm) on some Stockholm date falls inside the tick's
 * window [tick, tick + windowMs).
 *
 * Each local date has exactly one instant for `localTime` (stockholmWallTimeToUtc picks it), so exactly one
 * tick per local date is due, whatever DST does:
 * - spring forward (last Sunday of March, a 23-hour day): 02:00 does not exist; it resolves to 03:00 CEST
 *   (01:00 UTC), the first instant after the gap, so the night is not skipped;
 * - fall back (last Sunday of October, a 25-hour day): 02:00 happens twice; only one of them (02:00 CET,
 *   01:00 UTC) is the scheduled instant, so the night does not run twice.
 * A naive `stockholmParts(tick).hour === 2` check gets both nights wrong (never on the first, twice on the
 * second).
 */
export function dailyLocalRunDue(tick: Date, localTime: string, windowMs: number = HOUR_MS): LocalRun | null {
  if (!LOCAL_TIME.test(localTime)) throw new RangeError(`Bad local time "${localTime}" (want HH:mm)`);
  if (Number.isNaN(tick.getTime())) throw new RangeError('Bad tick');
  const start = tick.getTime();
  const end = start + windowMs;
  // The wall-clock time can only fall on the local date of the window's first or last instant.
  const dates = new Set([stockholmParts(tick).date, stockholmParts(new Date(end - 1)).date]);
  for (const localDate of dates) {
    const scheduledFor = stockholmWallTimeToUtc(localDate, localTime);
    if (scheduledFor.getTime() >= start && scheduledFor.getTime() < end) return { localDate, scheduledFor };
  }
  return null;
}
