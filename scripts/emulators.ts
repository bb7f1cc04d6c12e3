/**
 * Runs the five provider emulators on local ports for development, each with one account, and
 * prints the `connectProvider` input that points a Switchboard connection at it. The emulators
 * learn where to call back from a dashboard setting: POST /__emulator/webhook {"url": <webhookUrl>}.
 */
import { startBrandSmsEmulator } from '../test/emulators/brandsms.js';
import { startLightningMsgEmulator } from '../test/emulators/lightningmsg.js';
import { startLightSmsEmulator } from '../test/emulators/lightsms.js';
import { startSmsGateEmulator } from '../test/emulators/smsgate.js';
import { startSmsProviderEmulator } from '../test/emulators/smsprovider.js';

const switchboard = process.env.SWITCHBOARD_URL ?? 'http://localhost:4000';
const port = (offset: number) => Number(process.env.EMULATORS_PORT ?? 4100) + offset;

const lightning = await startLightningMsgEmulator({
  port: port(1),
  accounts: [
    {
      apiKey: 'dev-lightningmsg-key',
      secretCode: 'dev-secret-code',
      webhookHeaders: { 'X-Webhook-Token': 'dev-webhook-token' },
      packages: [{ name: '1000 SMS', totalSms: 1000, usedSms: 0, expireDate: '2099-12-31 23:59:59' }],
    },
  ],
});
const smsProvider = await startSmsProviderEmulator({ port: port(2), accounts: [{ apiKey: 'dev-smsprovider-key', webhookSecret: 'dev-webhook-secret', credits: 1000 }] });
const brand = await startBrandSmsEmulator({ port: port(3), accounts: [{ key: 'dev-brandsms-key', brandId: 'dev-brand', callbackKey: 'dev-callback-key', balance: 1000 }] });

const lightSms = await startLightSmsEmulator({ port: port(4), accounts: [{ login: 'dev-login', apiKey: 'dev-lightsms-key', balance: 100, currency: 'EUR', senders: ['Switchboard'] }] });
const smsGate = await startSmsGateEmulator({ port: port(5), accounts: [{ apiKey: 'dev-smsgate-key', username: 'dev-user', password: 'dev-pass', balance: 1000 }] });

const show = (name: string, input: object, note: string) =>
  console.log(`\n${name}\n  connectProvider input: ${JSON.stringify(input)}\n  ${note}`);

console.log(`Provider emulators running. Each records requests at GET <url>/__emulator/requests and takes faults at POST <url>/__emulator/faults.`);
show(
  `LightningMSG at ${lightning.baseUrl}`,
  { kind: 'LIGHTNINGMSG', label: 'LightningMSG (emulator)', baseUrl: lightning.baseUrl, credentials: { apiKey: 'dev-lightningmsg-key', secretCode: 'dev-secret-code', webhookHeaders: { 'X-Webhook-Token': 'dev-webhook-token' } } },
  'Its webhook URL is a dashboard setting: after connecting, call POST /__emulator/webhook {"url": "<webhookUrl>"} on it.',
);
show(
  `SMS Provider at ${smsProvider.url}`,
  { kind: 'SMSPROVIDER', label: 'SMS Provider (emulator)', baseUrl: smsProvider.url, credentials: { apiKey: 'dev-smsprovider-key', webhookSecret: 'dev-webhook-secret' } },
  'It calls the callback_url Switchboard sends with each message: nothing to set.',
);
show(
  `BrandSMS at ${brand.url}`,
  { kind: 'BRANDSMS', label: 'BrandSMS (emulator)', baseUrl: brand.url, credentials: { key: 'dev-brandsms-key', brandId: 'dev-brand', callbackKey: 'dev-callback-key' } },
  'Its callback URL is a company setting: after connecting, call POST /__emulator/webhook {"url": "<webhookUrl>"} on it.',
);
show(
  `LightSMS at ${lightSms.baseUrl}`,
  { kind: 'LIGHTSMS', label: 'LightSMS (emulator)', baseUrl: lightSms.baseUrl, credentials: { login: 'dev-login', apiKey: 'dev-lightsms-key' }, options: { sender: 'Switchboard' } },
  'It reports no status: its messages stay SENT.',
);
show(
  `SMSGate at ${smsGate.url}`,
  { kind: 'SMSGATE', label: 'SMSGate (emulator)', baseUrl: smsGate.url, credentials: { apiKey: 'dev-smsgate-key' } },
  'It reports no status; it takes Kenyan local numbers (country option KE) or +international ones.',
);
console.log(`\nSwitchboard is expected at ${switchboard}; Ctrl-C stops the emulators.`);

const stop = async () => {
  await Promise.all([lightning.close(), smsProvider.close(), brand.close(), lightSms.close(), smsGate.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
