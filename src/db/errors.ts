/** PostgreSQL error codes Switchboard turns into expected failures (drizzle wraps the driver's error as `cause`). */
const UNIQUE_VIOLATION = '23505';

const codeOf = (error: unknown): string | undefined => {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown };
  return typeof code === 'string' ? code : cause ? codeOf(cause) : undefined;
};

export const isUniqueViolation = (error: unknown): boolean => codeOf(error) === UNIQUE_VIOLATION;
