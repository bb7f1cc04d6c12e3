import { USER_ERROR_CODES, type UserError } from '../domain/result.js';
import { builder } from './builder.js';

export const UserErrorCode = builder.enumType('UserErrorCode', {
  description: 'Why an input was refused. Stable: switch on this, show `message` to people.',
  values: Object.fromEntries(Object.entries(USER_ERROR_CODES).map(([code, description]) => [code, { description }])) as Record<
    keyof typeof USER_ERROR_CODES,
    { description: string }
  >,
});

export const UserErrorRef = builder.objectRef<UserError>('UserError').implement({
  description: 'An expected failure caused by the input: nothing was changed for the field it names.',
  fields: (t) => ({
    field: t.exposeStringList('field', {
      description: 'Path to the input field at fault, from the argument down, e.g. `["input", "expiresInDays"]`.',
    }),
    message: t.exposeString('message', { description: 'What is wrong, in words for a person.' }),
    code: t.field({ type: UserErrorCode, description: 'What is wrong, as a stable code.', resolve: (error) => error.code }),
  }),
});

/** The `userErrors` field every mutation payload has. */
export const userErrorsField = (description = 'Why the input was refused; empty on success.') => ({
  type: [UserErrorRef] as [typeof UserErrorRef],
  description,
  resolve: (payload: { userErrors: UserError[] }) => payload.userErrors,
});
