import { z } from 'zod';
import type { ProviderDefinition } from '../definition.js';
import { requiredString, timeZoneOption } from '../settings.js';
import { brandSmsCapabilities, createBrandSmsAdapter } from './adapter.js';

export const brandSmsCredentialsSchema = z.strictObject({
  key: requiredString('key', 'the secret API key from BrandSMS company settings'),
  brandId: requiredString('brandId', 'the sender brand ID BrandSMS gave you (sent as brandID)'),
  callbackKey: requiredString('callbackKey', 'the callback validation key BrandSMS sends with every status callback'),
});

export const brandSmsOptionsSchema = z.strictObject({
  /** BrandSMS's times carry no zone: `sendTime` and callback `date` are read in this one. */
  timeZone: timeZoneOption('Europe/Bucharest'),
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
