import { z } from 'zod';
import type { ProviderDefinition } from '../definition.js';
import { brandSmsCapabilities, createBrandSmsAdapter } from './adapter.js';
import { isTimeZone } from '../zoned-time.js';

const secret = (field: string, what: string) =>
  z.string({ error: `${field} is required: ${what}` }).trim().min(1, `${field} must not be empty: ${what}`);

export const brandSmsCredentialsSchema = z.strictObject({
  key: secret('key', 'the secret API key from BrandSMS company settings'),
  brandId: secret('brandId', 'the sender brand ID BrandSMS gave you (sent as brandID)'),
  callbackKey: secret('callbackKey', 'the callback validation key BrandSMS sends with every status callback'),
});

export const brandSmsOptionsSchema = z.strictObject({
  /** BrandSMS's times carry no zone: `sendTime` and callback `date` are read in this one. */
  timeZone: z
    .string({ error: 'timeZone must be an IANA time zone name, e.g. "Europe/Bucharest"' })
    .refine(isTimeZone, { error: (issue) => `timeZone "${String(issue.input)}" is not an IANA time zone name, e.g. "Europe/Bucharest"` })
    .default('UTC'),
  /** false sends `stopList=false`: messages go out even to numbers on the account's stop list. */
  checkStopList: z.boolean({ error: 'checkStopList must be true or false' }).default(true),
});

export type BrandSmsCredentials = z.infer<typeof brandSmsCredentialsSchema>;
export type BrandSmsOptions = z.infer<typeof brandSmsOptionsSchema>;

/** BrandSMS documents no base URL: every connection must name its own (`baseUrl`). */
export const brandSmsDefinition: ProviderDefinition<BrandSmsCredentials, BrandSmsOptions> = {
  kind: 'BRANDSMS',
  name: 'BrandSMS',
  defaultBaseUrl: '',
  credentials: brandSmsCredentialsSchema,
  options: brandSmsOptionsSchema,
  capabilities: brandSmsCapabilities,
  webhookMethod: 'GET',
  create: createBrandSmsAdapter,
};
