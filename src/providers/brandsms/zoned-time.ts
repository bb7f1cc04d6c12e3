/**
 * BrandSMS writes times without a zone (`sendTime` Y-m-d H:i, callback `date` Y-m-d H:i:s): they
 * are wall-clock times in the connection's `timeZone` option.
 */

const MINUTE_MS = 60_000;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * `sendTime` for a `sendAt`. BrandSMS schedules to the minute, so seconds round UP to the next
 * minute: the message is never sent early and the time is never in the past.
 */
export function toSendTime(sendAt: Date, timeZone: string): string {
  const roundedUp = new Date(Math.ceil(sendAt.getTime() / MINUTE_MS) * MINUTE_MS);
  const { year, month, day, hour, minute } = wallClock(roundedUp, timeZone);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}

/** The instant a callback's `date` (Y-m-d H:i:s in `timeZone`) names, or null when unreadable. */
export function parseCallbackDate(text: string, timeZone: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
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
  return wall - Math.floor(at.getTime() / 1000) * 1000;
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
