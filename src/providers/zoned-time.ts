/**
 * Several providers write times without a zone (LightningMSG's `send_date` and `expire_date`,
 * BrandSMS's `sendTime` and callback `date`) and name none: they are read and written as
 * wall-clock times in the connection's `timeZone` option (default UTC).
 */

const SECOND_MS = 1000;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A send time as `YYYY-MM-DD HH:MM:SS` (or `YYYY-MM-DD HH:MM`) in `timeZone`. Providers schedule
 * to the second or the minute, so the time rounds UP to that step: a message is never sent early,
 * and a time just ahead never turns into the past.
 */
export function toWallClock(at: Date, timeZone: string, step: 'second' | 'minute'): string {
  const stepMs = step === 'second' ? SECOND_MS : 60 * SECOND_MS;
  const roundedUp = new Date(Math.ceil(at.getTime() / stepMs) * stepMs);
  const { year, month, day, hour, minute, second } = wallClock(roundedUp, timeZone);
  return `${year}-${month}-${day} ${hour}:${minute}${step === 'second' ? `:${second}` : ''}`;
}

/** The instant a `YYYY-MM-DD HH:MM:SS` in `timeZone` names, or null when unreadable. */
export function parseZonedDateTime(text: string, timeZone: string): Date | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  // The zone's offset at a first guess, then again at the corrected instant (right across DST changes).
  const firstGuess = asUtc - offsetMs(new Date(asUtc), timeZone);
  return new Date(asUtc - offsetMs(new Date(firstGuess), timeZone));
}

function offsetMs(at: Date, timeZone: string): number {
  const { year, month, day, hour, minute, second } = wallClock(at, timeZone);
  const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  return wall - Math.floor(at.getTime() / SECOND_MS) * SECOND_MS;
}

function wallClock(at: Date, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '', second: parts.second ?? '' };
}
