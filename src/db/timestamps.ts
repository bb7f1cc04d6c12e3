/**
 * Timestamps travel as PostgreSQL text (session time zone UTC) to keep their microseconds,
 * which a JavaScript Date would drop and keyset cursors need.
 */
export function toIsoTimestamp(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:\+00(?::?00)?|Z)$/.exec(value);
  if (!match) return new Date(value).toISOString();
  // PostgreSQL drops trailing zeros (".81"); clients get milliseconds, or microseconds when there are any.
  const fraction = match[3] ?? '';
  return `${match[1]}T${match[2]}.${fraction.padEnd(fraction.length > 3 ? 6 : 3, '0')}Z`;
}

export const addMilliseconds = (date: Date, ms: number): string => new Date(date.getTime() + ms).toISOString();

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
