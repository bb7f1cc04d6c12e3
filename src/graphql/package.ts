import type { PackageEntry } from '../domain/packages/cache.js';
import { AccountRef } from './account.js';
import { builder } from './builder.js';
import { ProviderConnectionRef } from './provider-connection.js';

const MoneyRef = builder.objectRef<{ amount: number; currency: string }>('Money').implement({
  description: 'An amount in a currency, as the provider reports it.',
  fields: (t) => ({
    amount: t.exposeFloat('amount', { description: 'The amount.' }),
    currency: t.exposeString('currency', { description: 'The ISO 4217 code, e.g. EUR.' }),
  }),
});

const ProviderFailureRef = builder.objectRef<{ code: string; message: string }>('ProviderFailure').implement({
  description: 'Why a provider could not answer.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'A stable code: PROVIDER_UNAVAILABLE, AUTHENTICATION_FAILED, NOT_SUPPORTED…' }),
    message: t.exposeString('message', { description: 'What happened, in words.' }),
  }),
});

const PackageRef = builder.objectRef<PackageEntry>('Package').implement({
  description: 'A package, balance or credit count one provider reports, or the error it gave instead. Fields a provider does not report are null.',
  fields: (t) => ({
    provider: t.field({ type: ProviderConnectionRef, description: 'The connection it belongs to.', resolve: (e) => e.connection }),
    name: t.string({ nullable: true, description: 'The provider’s name for it.', resolve: (e) => e.package?.name ?? null }),
    totalSms: t.int({ nullable: true, description: 'Messages it holds in all.', resolve: (e) => e.package?.totalSms ?? null }),
    usedSms: t.int({ nullable: true, description: 'Messages used from it.', resolve: (e) => e.package?.usedSms ?? null }),
    remainingSms: t.int({
      nullable: true,
      description: 'Messages left: total less used.',
      resolve: ({ package: p }) => (p?.totalSms != null && p.usedSms != null ? Math.max(0, p.totalSms - p.usedSms) : null),
    }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, description: 'When it expires.', resolve: (e) => e.package?.expiresAt?.toISOString() ?? null }),
    balance: t.field({ type: MoneyRef, nullable: true, description: 'The account balance, for providers that charge money.', resolve: (e) => e.package?.balance ?? null }),
    credits: t.float({ nullable: true, description: 'Credits left, for providers that count credits.', resolve: (e) => e.package?.credits ?? null }),
    error: t.field({ type: ProviderFailureRef, nullable: true, description: 'Set when the provider could not answer; the other fields are then null.', resolve: (e) => e.error }),
  }),
});

builder.objectField(AccountRef, 'packages', (t) =>
  t.field({
    type: [PackageRef],
    description: 'Packages, balances and credits of every enabled connection, asked of the providers in parallel and kept briefly. One failing provider is an entry with an `error`. Needs `providers:manage`.',
    authScopes: { scope: 'providers:manage' },
    resolve: (account, _args, context) => context.providers.packages(account.id),
  }),
);
