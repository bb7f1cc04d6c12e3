import { decodeGlobalID } from '@pothos/plugin-relay';
import { isUuid } from '../db/ids.js';
import { fail } from '../domain/result.js';
import { invalidArguments } from './errors.js';

/** The database ID inside a global ID of the given type, or a user error naming the field. */
export function parseGlobalId(value: string, typename: string, field: string[]) {
  try {
    const decoded = decodeGlobalID(value);
    if (decoded.typename === typename && isUuid(decoded.id)) return { ok: true as const, id: decoded.id };
  } catch {
    // not base64 or not "Type:id": reported below
  }
  return fail(field, 'INVALID_ID', `is not the ID of a ${typename}`);
}

/** For query and subscription arguments (no userErrors there): a wrong ID is an argument error. */
export function requireGlobalId(value: string | number, typename: string, path: string[]): string {
  const id = parseGlobalId(String(value), typename, path);
  if (!id.ok) throw invalidArguments([{ message: `is not the ID of a ${typename}`, path }]);
  return id.id;
}
