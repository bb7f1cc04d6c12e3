/**
 * Timestamps travel as PostgreSQL text (session time zone UTC) to keep their microseconds,
 * which a JavaScript Date would drop and keyset cursors need.
 */
export function toIsoTimestamp(value: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:\+00(?::?00)?|Z)$/.exec(value);
  return match ? `${match[1]}T${match[2]}Z` : new Date(value).toISOString();
}

export const addMilliseconds = (date: Date, ms: number): string => new Date(date.getTime() + ms).toISOString();

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
