import { z } from 'zod';
import { isTimeZone } from './zoned-time.js';

/** Building blocks for the definitions' credential and option schemas: one wording everywhere. */

/** A required secret or login field; `what` tells the user where to find it. */
export const requiredString = (field: string, what: string) =>
  z.string({ error: `${field} must be a string: ${what}` }).trim().min(1, `${field} must not be empty: ${what}`);

/** An IANA zone for the provider's zone-less times (default UTC). */
export const timeZoneOption = (example: string) =>
  z
    .string({ error: `timeZone must be an IANA time zone name, e.g. "${example}"` })
    .refine(isTimeZone, { error: (issue) => `timeZone "${String(issue.input)}" is not an IANA time zone name, e.g. "${example}"` })
    .default('UTC');

/** A whole-number option within a range, with its default. */
export const wholeNumberOption = (name: string, min: number, max: number, fallback: number) =>
  z
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);
