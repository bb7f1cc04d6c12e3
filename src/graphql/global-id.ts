import { decodeGlobalID } from '@pothos/plugin-relay';
import { isUuid } from '../db/ids.js';
import { fail } from '../domain/result.js';

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
