import type { z } from 'zod';
import type { UserError, UserErrorCode } from './result.js';

function codeOf(issue: z.core.$ZodIssue): UserErrorCode {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'REQUIRED';
  if (issue.code === 'unrecognized_keys') return 'UNKNOWN_FIELD';
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
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.flatMap((issue) => {
      const field = [...root, ...issue.path.map(String)];
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({ field: [...field, key], code: 'UNKNOWN_FIELD' as const, message: 'is not a field this object takes' }));
      }
      const message = codeOf(issue) === 'REQUIRED' ? 'is required' : issue.message;
      return [{ field, code: codeOf(issue), message }];
    }),
  };
}
