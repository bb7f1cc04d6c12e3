import { z } from 'zod';
import type { Clock } from '../../clock.js';
import type { Db } from '../../db/client.js';
import { newId } from '../../db/ids.js';
import type { ProviderConnectionRow } from '../../db/schema.js';
import { isProviderKind, providerDefinition, type ProviderKind } from '../../providers/registry.js';
import { fail, type Result, type UserError } from '../result.js';
import { validateInput } from '../validation.js';
import type { Viewer } from '../viewer.js';
import { openCredentials, sealCredentials } from './secrets.js';
import { countConnections, findConnection, insertConnection, updateConnection } from './store.js';

export const MAX_CONNECTIONS = 50;
export const DEFAULT_PRIORITY = 100;

const jsonObject = z.record(z.string(), z.unknown(), 'must be a JSON object');
const baseUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
  .max(2000, 'must be at most 2000 characters');
const common = {
  label: z.string().trim().min(1, 'must not be blank').max(100, 'must be at most 100 characters'),
  priority: z.number().int().min(0, 'must be between 0 and 10000').max(10_000, 'must be between 0 and 10000'),
  enabled: z.boolean(),
  countryCodes: z
    .array(z.string().regex(/^[1-9]\d{0,2}$/, 'must be a country calling code without + (1 to 3 digits, e.g. "370")'))
    .max(50, 'must list at most 50 calling codes')
    .transform((codes) => [...new Set(codes)]),
};

const connectInput = z.object({
  kind: z.string(),
  ...common,
  priority: common.priority.default(DEFAULT_PRIORITY),
  enabled: common.enabled.default(true),
  countryCodes: common.countryCodes.default([]),
  credentials: jsonObject.default({}),
  baseUrl: baseUrl.nullish(),
  options: jsonObject.default({}),
});

const updateInput = z.object({
  label: common.label.nullish(),
  priority: common.priority.nullish(),
  enabled: common.enabled.nullish(),
  countryCodes: common.countryCodes.nullish(),
  /** Merged into the stored credentials: name only the fields that change. */
  credentials: jsonObject.nullish(),
  /** null resets to the provider's documented URL. */
  baseUrl: baseUrl.nullish(),
  options: jsonObject.nullish(),
});

export type ConnectProviderInput = z.input<typeof connectInput>;
export type UpdateProviderConnectionInput = z.input<typeof updateInput>;

/** Per-kind rules for credentials and options: each error names the field inside them. */
function checkSettings(kind: ProviderKind, settings: { credentials: Record<string, unknown>; options: Record<string, unknown>; baseUrl: string | null }) {
  const definition = providerDefinition(kind);
  const credentials = validateInput(definition.credentials, settings.credentials, ['input', 'credentials']);
  const options = validateInput(definition.options, settings.options, ['input', 'options']);
  const errors: UserError[] = [...(credentials.ok ? [] : credentials.errors), ...(options.ok ? [] : options.errors)];
  if (!definition.defaultBaseUrl && !settings.baseUrl) {
    errors.push({ field: ['input', 'baseUrl'], code: 'REQUIRED', message: `is required: ${definition.name} documents no API URL` });
  }
  // The credentials as the schema reads them (trimmed, normalised) are what gets sealed.
  return { errors, credentials: credentials.ok ? (credentials.value as Record<string, unknown>) : settings.credentials };
}

export async function connectProvider(db: Db, clock: Clock, key: Buffer, viewer: Viewer, input: ConnectProviderInput): Promise<Result<{ connection: ProviderConnectionRow }>> {
  const parsed = validateInput(connectInput, input);
  if (!parsed.ok) return parsed;
  const { kind, credentials, options, baseUrl: url, ...rest } = parsed.value;
  if (!isProviderKind(kind)) return fail(['input', 'kind'], 'INVALID_VALUE', `is not a provider Switchboard speaks to`);
  const checked = checkSettings(kind, { credentials, options, baseUrl: url ?? null });
  if (checked.errors.length) return { ok: false, errors: checked.errors };
  if ((await countConnections(db, viewer.accountId)) >= MAX_CONNECTIONS) {
    return fail(['input'], 'LIMIT_REACHED', `an account may have at most ${MAX_CONNECTIONS} provider connections`);
  }
  const id = newId();
  const connection = await insertConnection(db, {
    id,
    accountId: viewer.accountId,
    kind,
    ...rest,
    baseUrl: url ?? null,
    options,
    credentialsSealed: sealCredentials(key, id, checked.credentials),
    credentialFields: Object.keys(checked.credentials).sort(),
    updatedAt: clock.now().toISOString(),
  });
  return { ok: true, connection };
}

export async function updateProviderConnection(
  db: Db,
  clock: Clock,
  key: Buffer,
  viewer: Viewer,
  id: string,
  input: UpdateProviderConnectionInput,
): Promise<Result<{ connection: ProviderConnectionRow }>> {
  const parsed = validateInput(updateInput, input);
  if (!parsed.ok) return parsed;
  const existing = await findConnection(db, viewer.accountId, id);
  if (!existing || existing.disconnectedAt) return fail(['input', 'id'], 'NOT_FOUND', 'no provider connection with this ID in your account');
  const { credentials: changed, options, baseUrl: url, label, priority, enabled, countryCodes } = parsed.value;
  const stored = existing.credentialsSealed ? openCredentials(key, existing.id, existing.credentialsSealed) : {};
  const credentials = changed ? withoutNulls({ ...stored, ...changed }) : stored;
  const next = { credentials, options: options ?? existing.options, baseUrl: url === undefined ? existing.baseUrl : url };
  const checked = checkSettings(existing.kind as ProviderKind, next);
  if (checked.errors.length) return { ok: false, errors: checked.errors };
  const connection = await updateConnection(db, existing.id, {
    ...(label != null ? { label } : {}),
    ...(priority != null ? { priority } : {}),
    ...(enabled != null ? { enabled } : {}),
    ...(countryCodes != null ? { countryCodes } : {}),
    baseUrl: next.baseUrl,
    options: next.options,
    ...(changed ? { credentialsSealed: sealCredentials(key, existing.id, checked.credentials), credentialFields: Object.keys(checked.credentials).sort() } : {}),
    updatedAt: clock.now().toISOString(),
  });
  return { ok: true, connection };
}

/**
 * Disconnecting forgets the credentials at once (so its webhooks are refused from then on) and
 * keeps the row for the messages that went through it. Messages still waiting for it go out
 * through the account's next connection, unless they named this one.
 */
export async function disconnectProvider(db: Db, clock: Clock, viewer: Viewer, id: string): Promise<Result<{ connection: ProviderConnectionRow }>> {
  const existing = await findConnection(db, viewer.accountId, id);
  if (!existing || existing.disconnectedAt) return fail(['input', 'id'], 'NOT_FOUND', 'no provider connection with this ID in your account');
  const now = clock.now().toISOString();
  const connection = await updateConnection(db, existing.id, { enabled: false, disconnectedAt: now, credentialsSealed: null, credentialFields: [], updatedAt: now });
  return { ok: true, connection };
}

function withoutNulls(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== null));
}
