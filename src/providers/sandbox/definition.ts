import { z } from 'zod';
import type { ProviderDefinition } from '../definition.js';
import { sandboxCapabilities } from './adapter.js';

/** The sandbox needs no credentials; its adapter is the process-wide one (see adapter-pool.ts). */
export const sandboxDefinition: ProviderDefinition<Record<string, never>, Record<string, never>> = {
  kind: 'SANDBOX',
  name: 'Sandbox',
  defaultBaseUrl: 'sandbox:',
  credentials: z.strictObject({}),
  options: z.strictObject({}),
  capabilities: sandboxCapabilities,
  webhookMethod: 'POST',
  create() {
    throw new Error('the sandbox adapter comes from the adapter pool');
  },
};
