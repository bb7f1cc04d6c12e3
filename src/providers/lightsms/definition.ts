import { z } from 'zod';
import type { ProviderDefinition } from '../definition.js';
import { isTimeZone } from '../zoned-time.js';
import { createLightSmsAdapter, lightSmsCapabilities } from './adapter.js';

const secret = (field: string, what: string) =>
  z.string({ error: `${field} is required: ${what}` }).trim().min(1, `${field} must not be empty: ${what}`);

export const lightSmsCredentialsSchema = z.strictObject({
  login: secret('login', 'your LightSMS login'),
  apiKey: secret('apiKey', 'the API key from your LightSMS account (it signs every request, and is never sent)'),
});

export const lightSmsOptionsSchema = z.strictObject({
  /** The time zone configured on the LightSMS account: `sendingTime` is written in it. */
  timeZone: z
    .string({ error: 'timeZone must be an IANA time zone name, e.g. "Europe/Vilnius"' })
    .refine(isTimeZone, { error: (issue) => `timeZone "${String(issue.input)}" is not an IANA time zone name, e.g. "Europe/Vilnius"` })
    .default('UTC'),
  /** An approved sender name, used for messages that name none (LightSMS requires one). */
  sender: z.string({ error: 'sender must be a string: an approved LightSMS sender name' }).trim().min(1, 'sender must not be empty: leave it out, or give an approved LightSMS sender name').optional(),
  /** The answer format asked for (`return=`); the adapter reads either. */
  responseFormat: z.enum(['json', 'xml'], { error: 'responseFormat must be "json" or "xml"' }).default('json'),
});

export type LightSmsCredentials = z.infer<typeof lightSmsCredentialsSchema>;
export type LightSmsOptions = z.infer<typeof lightSmsOptionsSchema>;

export const lightSmsDefinition: ProviderDefinition<LightSmsCredentials, LightSmsOptions> = {
  kind: 'LIGHTSMS',
  name: 'LightSMS',
  defaultBaseUrl: 'https://www.lightsms.com/external/get/',
  credentials: lightSmsCredentialsSchema,
  options: lightSmsOptionsSchema,
  capabilities: lightSmsCapabilities,
  // Unused: LightSMS documents no callbacks (parseWebhook refuses every call).
  webhookMethod: 'POST',
  create: createLightSmsAdapter,
};
