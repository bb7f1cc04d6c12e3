import { z } from 'zod';
import type { ProviderDefinition } from '../definition.js';
import { requiredString, timeZoneOption } from '../settings.js';
import { createLightningMsgAdapter, lightningMsgCapabilities } from './adapter.js';

/** An HTTP header name (RFC 9110 token), as typed in LightningMSG's dashboard. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const webhookHeaders = z
  .record(
    z.string().regex(HEADER_NAME),
    z.string({ error: 'webhookHeaders: each value must be a string' }).trim().min(1, 'webhookHeaders: a header value must not be empty'),
    {
      error: (issue) =>
        issue.code === 'invalid_key'
          ? `webhookHeaders: "${String(issue.path?.at(-1) ?? issue.input)}" is not an HTTP header name, e.g. "X-Webhook-Token"`
          : 'webhookHeaders is required: the custom headers set in the LightningMSG dashboard, e.g. { "X-Webhook-Token": "…" }',
    },
  )
  .refine((headers) => Object.keys(headers).length > 0, 'webhookHeaders needs at least one header: LightningMSG signs nothing, so they are the only proof a webhook is genuine')
  .refine(
    (headers) => new Set(Object.keys(headers).map((name) => name.toLowerCase())).size === Object.keys(headers).length,
    'webhookHeaders: header names are case-insensitive, so each may appear only once',
  );

export const lightningMsgCredentialsSchema = z.strictObject({
  apiKey: requiredString('apiKey', 'an API key from the LightningMSG dashboard (sent as X-Api-Key)'),
  secretCode: requiredString('secretCode', 'the API secret code from the LightningMSG dashboard (sent as secret_code)'),
  webhookHeaders,
});

export const lightningMsgOptionsSchema = z.strictObject({
  /** LightningMSG's `send_date` and `expire_date` carry no zone: they are read in this one. */
  timeZone: timeZoneOption('Europe/Bucharest'),
});

export type LightningMsgCredentials = z.infer<typeof lightningMsgCredentialsSchema>;
export type LightningMsgOptions = z.infer<typeof lightningMsgOptionsSchema>;

export const lightningMsgDefinition: ProviderDefinition<LightningMsgCredentials, LightningMsgOptions> = {
  kind: 'LIGHTNINGMSG',
  name: 'LightningMSG',
  defaultBaseUrl: 'https://www.lightningmsg.com/api/v1/sms_services/sms/',
  credentials: lightningMsgCredentialsSchema,
  options: lightningMsgOptionsSchema,
  capabilities: lightningMsgCapabilities,
  webhookMethod: 'POST',
  create: createLightningMsgAdapter,
};
