import type { z } from 'zod';
import type { UserError, UserErrorCode } from './result.js';

function codeOf(issue: z.core.$ZodIssue): UserErrorCode {
  if (issue.code === 'custom' && typeof issue.params?.code === 'string') return issue.params.code as UserErrorCode;
  if (issue.code === 'too_small' && issue.origin === 'string') return 'BLANK';
  if (issue.code === 'too_big' && issue.origin === 'string') return 'TOO_LONG';
  if ((issue.code === 'too_small' || issue.code === 'too_big') && issue.origin === 'number') return 'OUT_OF_RANGE';
  return 'INVALID_VALUE';
}

/** Parses `input` with a zod schema; each failed rule becomes a UserError whose field starts at `root`. */
export function validateInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  root: string[] = ['input'],
): { ok: true; value: z.output<T> } | { ok: false; errors: UserError[] } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: [...root, ...issue.path.map(String)],
      code: codeOf(issue),
      message: issue.message,
    })),
  };
}
