import { brandSmsDefinition } from './brandsms/definition.js';
import type { ProviderDefinition } from './definition.js';
import { lightningMsgDefinition } from './lightningmsg/definition.js';
import { lightSmsDefinition } from './lightsms/definition.js';
import { sandboxDefinition } from './sandbox/definition.js';
import { smsGateDefinition } from './smsgate/definition.js';
import { smsProviderDefinition } from './smsprovider/definition.js';

export const PROVIDER_KINDS = ['SANDBOX', 'LIGHTNINGMSG', 'SMSPROVIDER', 'BRANDSMS', 'LIGHTSMS', 'SMSGATE'] as const;

export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/** Each definition checks its own credentials and options, so the registry may forget their types. */
const erased = <C, O>(definition: ProviderDefinition<C, O>) => definition as unknown as ProviderDefinition;

/** Every provider Switchboard speaks to, by the `ProviderKind` the API names it with. */
const providerDefinitions: Record<ProviderKind, ProviderDefinition> = {
  SANDBOX: erased(sandboxDefinition),
  LIGHTNINGMSG: erased(lightningMsgDefinition),
  SMSPROVIDER: erased(smsProviderDefinition),
  BRANDSMS: erased(brandSmsDefinition),
  LIGHTSMS: erased(lightSmsDefinition),
  SMSGATE: erased(smsGateDefinition),
};

export function isProviderKind(kind: string): kind is ProviderKind {
  return (PROVIDER_KINDS as readonly string[]).includes(kind);
}

export function providerDefinition(kind: ProviderKind): ProviderDefinition {
  return providerDefinitions[kind];
}

/** The path a connection's provider calls: `/webhooks/<kind>/<connectionId>`. */
export function webhookPath(kind: string, connectionId: string): string {
  return `/webhooks/${kind.toLowerCase()}/${connectionId}`;
}
