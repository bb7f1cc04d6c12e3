import { z } from 'zod';
import type { ProviderDefinition } from '../definition.js';
import { requiredString, timeZoneOption } from '../settings.js';
import { createLightSmsAdapter, lightSmsCapabilities } from './adapter.js';

export const lightSmsCredentialsSchema = z.strictObject({
  login: requiredString('login', 'your LightSMS login'),
  apiKey: requiredString('apiKey', 'the API key from your LightSMS account (it signs every request, and is never sent)'),
});

export const lightSmsOptionsSchema = z.strictObject({
  /** The time zone configured on the LightSMS account: `sendingTime` is written in it. */
  timeZone: timeZoneOption('Europe/Vilnius'),
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
