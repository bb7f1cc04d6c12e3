/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey { id name prefix scopes status createdAt expiresAt lastUsedAt revokedAt }\n      secret\n      userErrors { field message code }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RotateApiKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey { id name scopes status }\n      secret\n      rotatedApiKey { id status gracePeriodEndsAt replacedBy { id } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.RotateApiKeyDocument,
    "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey { id status revokedAt }\n      userErrors { field message code }\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {\n    viewer {\n      account {\n        apiKeys(first: $first, after: $after, last: $last, before: $before) {\n          totalCount\n          edges { cursor node { id name } }\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        }\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  query Me {\n    viewer { apiKey { id status lastUsedAt } }\n  }\n": typeof types.MeDocument,
    "\n  query AccountName {\n    viewer { account { name } }\n  }\n": typeof types.AccountNameDocument,
    "\n  mutation SendBulk($input: SendBulkInput!) {\n    sendBulk(input: $input) {\n      bulk { id total accepted rejected status counts { queued sent delivered scheduled cancelled } messages(first: 100) { totalCount edges { node { to body scheduledAt bulk { id } } } } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.SendBulkDocument,
    "\n  mutation Cancel($input: CancelInput!) {\n    cancel(input: $input) {\n      messages { id status cancelledAt }\n      userErrors { field message code }\n    }\n  }\n": typeof types.CancelDocument,
    "\n  mutation SendOne($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { code } }\n  }\n": typeof types.SendOneDocument,
    "\n  query Bulk($id: ID!) {\n    bulkSend(id: $id) { status counts { delivered cancelled scheduled } }\n  }\n": typeof types.BulkDocument,
    "\n  mutation SendLater($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n": typeof types.SendLaterDocument,
    "\n  query Delivery($id: ID!) {\n    message(id: $id) { status sentAt events { status } }\n  }\n": typeof types.DeliveryDocument,
    "\n  mutation FailoverSend($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n": typeof types.FailoverSendDocument,
    "\n  mutation FailoverSendMany($input: SendBulkInput!) {\n    sendBulk(input: $input) { bulk { id accepted } userErrors { code } }\n  }\n": typeof types.FailoverSendManyDocument,
    "\n  query FailoverAttempts($id: ID!) {\n    message(id: $id) {\n      status\n      provider { label }\n      error { code }\n      attempts { provider { label } succeeded errorCode providerStatus }\n    }\n  }\n": typeof types.FailoverAttemptsDocument,
    "\n  query FailoverCircuit {\n    viewer { account { providers { label circuit enabled } } }\n  }\n": typeof types.FailoverCircuitDocument,
    "\n  query FailoverProviders {\n    viewer { account { providers { id kind } } }\n  }\n": typeof types.FailoverProvidersDocument,
    "\n  mutation FailoverDisable($input: UpdateProviderConnectionInput!) {\n    updateProviderConnection(input: $input) { userErrors { code } }\n  }\n": typeof types.FailoverDisableDocument,
    "\n  query MessagesPage($first: Int, $after: String, $last: Int, $before: String, $filter: MessageFilter, $orderBy: MessageOrder) {\n    viewer {\n      account {\n        messages(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n          totalCount\n          edges { node { id to status } }\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        }\n      }\n    }\n  }\n": typeof types.MessagesPageDocument,
    "\n  mutation Send($input: SendInput!) {\n    send(input: $input) {\n      message { id to body encoding segments status scheduledAt createdAt provider { kind } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.SendDocument,
    "\n  query MessageById($id: ID!) {\n    message(id: $id) {\n      id status sentAt deliveredAt failedAt providerMessageId\n      error { code message }\n      events { status providerStatus applied }\n    }\n  }\n": typeof types.MessageByIdDocument,
    "\n  mutation SendOnA($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n": typeof types.SendOnADocument,
    "\n  mutation RevokeOnA($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { userErrors { code } }\n  }\n": typeof types.RevokeOnADocument,
    "\n  query ViewerOnB {\n    viewer { account { name } }\n  }\n": typeof types.ViewerOnBDocument,
    "\n  query Ids {\n    viewer { account { id } apiKey { id } }\n  }\n": typeof types.IdsDocument,
    "\n  query Node($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on Account { name }\n      ... on ApiKey { name prefix }\n    }\n  }\n": typeof types.NodeDocument,
    "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) { id __typename }\n  }\n": typeof types.NodesDocument,
    "\n  query Packages {\n    viewer {\n      account {\n        packages {\n          provider { kind label }\n          name totalSms usedSms remainingSms expiresAt credits\n          balance { amount currency }\n          error { code message }\n        }\n      }\n    }\n  }\n": typeof types.PackagesDocument,
    "\n  mutation PackagesSend($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n": typeof types.PackagesSendDocument,
    "\n  query StatusSource($id: ID!) {\n    message(id: $id) { status statusSource }\n  }\n": typeof types.StatusSourceDocument,
    "\n  mutation Connect($input: ConnectProviderInput!) {\n    connectProvider(input: $input) {\n      provider {\n        id kind label priority enabled baseUrl credentialFields options webhookUrl\n        capabilities { maxBatchSize nativeScheduling nativeCancel statusDelivery requestsPerSecond }\n      }\n      userErrors { field message code }\n    }\n  }\n": typeof types.ConnectDocument,
    "\n  mutation Update($input: UpdateProviderConnectionInput!) {\n    updateProviderConnection(input: $input) {\n      provider { id label priority enabled baseUrl credentialFields options capabilities { requestsPerSecond } }\n      userErrors { field message code }\n    }\n  }\n": typeof types.UpdateDocument,
    "\n  mutation Disconnect($input: DisconnectProviderInput!) {\n    disconnectProvider(input: $input) { provider { id enabled } userErrors { field message code } }\n  }\n": typeof types.DisconnectDocument,
    "\n  query Providers {\n    viewer { account { providers { id kind label priority } } }\n  }\n": typeof types.ProvidersDocument,
    "\n  mutation SendVia($input: SendInput!) {\n    send(input: $input) { message { id provider { id label } } userErrors { field message code } }\n  }\n": typeof types.SendViaDocument,
    "\n  mutation LoopSend($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { field message code } }\n  }\n": typeof types.LoopSendDocument,
    "\n  mutation LoopSendMany($input: SendBulkInput!) {\n    sendBulk(input: $input) { bulk { id accepted } userErrors { field message code } }\n  }\n": typeof types.LoopSendManyDocument,
    "\n  mutation LoopCancel($input: CancelInput!) {\n    cancel(input: $input) { messages { id status } userErrors { field message code } }\n  }\n": typeof types.LoopCancelDocument,
    "\n  query LoopMessage($id: ID!) {\n    message(id: $id) { status providerMessageId scheduledAt events { status providerStatus } }\n  }\n": typeof types.LoopMessageDocument,
    "\n  mutation SendThrough($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { field message code } }\n  }\n": typeof types.SendThroughDocument,
    "\n  query MessageStatus($id: ID!) {\n    message(id: $id) { status providerMessageId events { status providerStatus } }\n  }\n": typeof types.MessageStatusDocument,
    "\n  mutation CreateKeyForSubscription($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { apiKey { id } secret userErrors { code } }\n  }\n": typeof types.CreateKeyForSubscriptionDocument,
    "\n  mutation RevokeForSubscription($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { userErrors { code } }\n  }\n": typeof types.RevokeForSubscriptionDocument,
    "\n  mutation ConnectForTest($input: ConnectProviderInput!) {\n    connectProvider(input: $input) { provider { id webhookUrl } userErrors { field message code } }\n  }\n": typeof types.ConnectForTestDocument,
};
const documents: Documents = {
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey { id name prefix scopes status createdAt expiresAt lastUsedAt revokedAt }\n      secret\n      userErrors { field message code }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RotateApiKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey { id name scopes status }\n      secret\n      rotatedApiKey { id status gracePeriodEndsAt replacedBy { id } }\n      userErrors { field message code }\n    }\n  }\n": types.RotateApiKeyDocument,
    "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey { id status revokedAt }\n      userErrors { field message code }\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {\n    viewer {\n      account {\n        apiKeys(first: $first, after: $after, last: $last, before: $before) {\n          totalCount\n          edges { cursor node { id name } }\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        }\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  query Me {\n    viewer { apiKey { id status lastUsedAt } }\n  }\n": types.MeDocument,
    "\n  query AccountName {\n    viewer { account { name } }\n  }\n": types.AccountNameDocument,
    "\n  mutation SendBulk($input: SendBulkInput!) {\n    sendBulk(input: $input) {\n      bulk { id total accepted rejected status counts { queued sent delivered scheduled cancelled } messages(first: 100) { totalCount edges { node { to body scheduledAt bulk { id } } } } }\n      userErrors { field message code }\n    }\n  }\n": types.SendBulkDocument,
    "\n  mutation Cancel($input: CancelInput!) {\n    cancel(input: $input) {\n      messages { id status cancelledAt }\n      userErrors { field message code }\n    }\n  }\n": types.CancelDocument,
    "\n  mutation SendOne($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { code } }\n  }\n": types.SendOneDocument,
    "\n  query Bulk($id: ID!) {\n    bulkSend(id: $id) { status counts { delivered cancelled scheduled } }\n  }\n": types.BulkDocument,
    "\n  mutation SendLater($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n": types.SendLaterDocument,
    "\n  query Delivery($id: ID!) {\n    message(id: $id) { status sentAt events { status } }\n  }\n": types.DeliveryDocument,
    "\n  mutation FailoverSend($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n": types.FailoverSendDocument,
    "\n  mutation FailoverSendMany($input: SendBulkInput!) {\n    sendBulk(input: $input) { bulk { id accepted } userErrors { code } }\n  }\n": types.FailoverSendManyDocument,
    "\n  query FailoverAttempts($id: ID!) {\n    message(id: $id) {\n      status\n      provider { label }\n      error { code }\n      attempts { provider { label } succeeded errorCode providerStatus }\n    }\n  }\n": types.FailoverAttemptsDocument,
    "\n  query FailoverCircuit {\n    viewer { account { providers { label circuit enabled } } }\n  }\n": types.FailoverCircuitDocument,
    "\n  query FailoverProviders {\n    viewer { account { providers { id kind } } }\n  }\n": types.FailoverProvidersDocument,
    "\n  mutation FailoverDisable($input: UpdateProviderConnectionInput!) {\n    updateProviderConnection(input: $input) { userErrors { code } }\n  }\n": types.FailoverDisableDocument,
    "\n  query MessagesPage($first: Int, $after: String, $last: Int, $before: String, $filter: MessageFilter, $orderBy: MessageOrder) {\n    viewer {\n      account {\n        messages(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n          totalCount\n          edges { node { id to status } }\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        }\n      }\n    }\n  }\n": types.MessagesPageDocument,
    "\n  mutation Send($input: SendInput!) {\n    send(input: $input) {\n      message { id to body encoding segments status scheduledAt createdAt provider { kind } }\n      userErrors { field message code }\n    }\n  }\n": types.SendDocument,
    "\n  query MessageById($id: ID!) {\n    message(id: $id) {\n      id status sentAt deliveredAt failedAt providerMessageId\n      error { code message }\n      events { status providerStatus applied }\n    }\n  }\n": types.MessageByIdDocument,
    "\n  mutation SendOnA($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n": types.SendOnADocument,
    "\n  mutation RevokeOnA($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { userErrors { code } }\n  }\n": types.RevokeOnADocument,
    "\n  query ViewerOnB {\n    viewer { account { name } }\n  }\n": types.ViewerOnBDocument,
    "\n  query Ids {\n    viewer { account { id } apiKey { id } }\n  }\n": types.IdsDocument,
    "\n  query Node($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on Account { name }\n      ... on ApiKey { name prefix }\n    }\n  }\n": types.NodeDocument,
    "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) { id __typename }\n  }\n": types.NodesDocument,
    "\n  query Packages {\n    viewer {\n      account {\n        packages {\n          provider { kind label }\n          name totalSms usedSms remainingSms expiresAt credits\n          balance { amount currency }\n          error { code message }\n        }\n      }\n    }\n  }\n": types.PackagesDocument,
    "\n  mutation PackagesSend($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n": types.PackagesSendDocument,
    "\n  query StatusSource($id: ID!) {\n    message(id: $id) { status statusSource }\n  }\n": types.StatusSourceDocument,
    "\n  mutation Connect($input: ConnectProviderInput!) {\n    connectProvider(input: $input) {\n      provider {\n        id kind label priority enabled baseUrl credentialFields options webhookUrl\n        capabilities { maxBatchSize nativeScheduling nativeCancel statusDelivery requestsPerSecond }\n      }\n      userErrors { field message code }\n    }\n  }\n": types.ConnectDocument,
    "\n  mutation Update($input: UpdateProviderConnectionInput!) {\n    updateProviderConnection(input: $input) {\n      provider { id label priority enabled baseUrl credentialFields options capabilities { requestsPerSecond } }\n      userErrors { field message code }\n    }\n  }\n": types.UpdateDocument,
    "\n  mutation Disconnect($input: DisconnectProviderInput!) {\n    disconnectProvider(input: $input) { provider { id enabled } userErrors { field message code } }\n  }\n": types.DisconnectDocument,
    "\n  query Providers {\n    viewer { account { providers { id kind label priority } } }\n  }\n": types.ProvidersDocument,
    "\n  mutation SendVia($input: SendInput!) {\n    send(input: $input) { message { id provider { id label } } userErrors { field message code } }\n  }\n": types.SendViaDocument,
    "\n  mutation LoopSend($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { field message code } }\n  }\n": types.LoopSendDocument,
    "\n  mutation LoopSendMany($input: SendBulkInput!) {\n    sendBulk(input: $input) { bulk { id accepted } userErrors { field message code } }\n  }\n": types.LoopSendManyDocument,
    "\n  mutation LoopCancel($input: CancelInput!) {\n    cancel(input: $input) { messages { id status } userErrors { field message code } }\n  }\n": types.LoopCancelDocument,
    "\n  query LoopMessage($id: ID!) {\n    message(id: $id) { status providerMessageId scheduledAt events { status providerStatus } }\n  }\n": types.LoopMessageDocument,
    "\n  mutation SendThrough($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { field message code } }\n  }\n": types.SendThroughDocument,
    "\n  query MessageStatus($id: ID!) {\n    message(id: $id) { status providerMessageId events { status providerStatus } }\n  }\n": types.MessageStatusDocument,
    "\n  mutation CreateKeyForSubscription($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { apiKey { id } secret userErrors { code } }\n  }\n": types.CreateKeyForSubscriptionDocument,
    "\n  mutation RevokeForSubscription($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { userErrors { code } }\n  }\n": types.RevokeForSubscriptionDocument,
    "\n  mutation ConnectForTest($input: ConnectProviderInput!) {\n    connectProvider(input: $input) { provider { id webhookUrl } userErrors { field message code } }\n  }\n": types.ConnectForTestDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey { id name prefix scopes status createdAt expiresAt lastUsedAt revokedAt }\n      secret\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      apiKey { id name prefix scopes status createdAt expiresAt lastUsedAt revokedAt }\n      secret\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateApiKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey { id name scopes status }\n      secret\n      rotatedApiKey { id status gracePeriodEndsAt replacedBy { id } }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation RotateApiKey($input: RotateApiKeyInput!) {\n    rotateApiKey(input: $input) {\n      apiKey { id name scopes status }\n      secret\n      rotatedApiKey { id status gracePeriodEndsAt replacedBy { id } }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey { id status revokedAt }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) {\n      apiKey { id status revokedAt }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {\n    viewer {\n      account {\n        apiKeys(first: $first, after: $after, last: $last, before: $before) {\n          totalCount\n          edges { cursor node { id name } }\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($first: Int, $after: String, $last: Int, $before: String) {\n    viewer {\n      account {\n        apiKeys(first: $first, after: $after, last: $last, before: $before) {\n          totalCount\n          edges { cursor node { id name } }\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    viewer { apiKey { id status lastUsedAt } }\n  }\n"): (typeof documents)["\n  query Me {\n    viewer { apiKey { id status lastUsedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountName {\n    viewer { account { name } }\n  }\n"): (typeof documents)["\n  query AccountName {\n    viewer { account { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendBulk($input: SendBulkInput!) {\n    sendBulk(input: $input) {\n      bulk { id total accepted rejected status counts { queued sent delivered scheduled cancelled } messages(first: 100) { totalCount edges { node { to body scheduledAt bulk { id } } } } }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation SendBulk($input: SendBulkInput!) {\n    sendBulk(input: $input) {\n      bulk { id total accepted rejected status counts { queued sent delivered scheduled cancelled } messages(first: 100) { totalCount edges { node { to body scheduledAt bulk { id } } } } }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Cancel($input: CancelInput!) {\n    cancel(input: $input) {\n      messages { id status cancelledAt }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation Cancel($input: CancelInput!) {\n    cancel(input: $input) {\n      messages { id status cancelledAt }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendOne($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation SendOne($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Bulk($id: ID!) {\n    bulkSend(id: $id) { status counts { delivered cancelled scheduled } }\n  }\n"): (typeof documents)["\n  query Bulk($id: ID!) {\n    bulkSend(id: $id) { status counts { delivered cancelled scheduled } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendLater($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation SendLater($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Delivery($id: ID!) {\n    message(id: $id) { status sentAt events { status } }\n  }\n"): (typeof documents)["\n  query Delivery($id: ID!) {\n    message(id: $id) { status sentAt events { status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FailoverSend($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation FailoverSend($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FailoverSendMany($input: SendBulkInput!) {\n    sendBulk(input: $input) { bulk { id accepted } userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation FailoverSendMany($input: SendBulkInput!) {\n    sendBulk(input: $input) { bulk { id accepted } userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FailoverAttempts($id: ID!) {\n    message(id: $id) {\n      status\n      provider { label }\n      error { code }\n      attempts { provider { label } succeeded errorCode providerStatus }\n    }\n  }\n"): (typeof documents)["\n  query FailoverAttempts($id: ID!) {\n    message(id: $id) {\n      status\n      provider { label }\n      error { code }\n      attempts { provider { label } succeeded errorCode providerStatus }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FailoverCircuit {\n    viewer { account { providers { label circuit enabled } } }\n  }\n"): (typeof documents)["\n  query FailoverCircuit {\n    viewer { account { providers { label circuit enabled } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FailoverProviders {\n    viewer { account { providers { id kind } } }\n  }\n"): (typeof documents)["\n  query FailoverProviders {\n    viewer { account { providers { id kind } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FailoverDisable($input: UpdateProviderConnectionInput!) {\n    updateProviderConnection(input: $input) { userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation FailoverDisable($input: UpdateProviderConnectionInput!) {\n    updateProviderConnection(input: $input) { userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessagesPage($first: Int, $after: String, $last: Int, $before: String, $filter: MessageFilter, $orderBy: MessageOrder) {\n    viewer {\n      account {\n        messages(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n          totalCount\n          edges { node { id to status } }\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MessagesPage($first: Int, $after: String, $last: Int, $before: String, $filter: MessageFilter, $orderBy: MessageOrder) {\n    viewer {\n      account {\n        messages(first: $first, after: $after, last: $last, before: $before, filter: $filter, orderBy: $orderBy) {\n          totalCount\n          edges { node { id to status } }\n          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Send($input: SendInput!) {\n    send(input: $input) {\n      message { id to body encoding segments status scheduledAt createdAt provider { kind } }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation Send($input: SendInput!) {\n    send(input: $input) {\n      message { id to body encoding segments status scheduledAt createdAt provider { kind } }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageById($id: ID!) {\n    message(id: $id) {\n      id status sentAt deliveredAt failedAt providerMessageId\n      error { code message }\n      events { status providerStatus applied }\n    }\n  }\n"): (typeof documents)["\n  query MessageById($id: ID!) {\n    message(id: $id) {\n      id status sentAt deliveredAt failedAt providerMessageId\n      error { code message }\n      events { status providerStatus applied }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendOnA($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation SendOnA($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOnA($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation RevokeOnA($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerOnB {\n    viewer { account { name } }\n  }\n"): (typeof documents)["\n  query ViewerOnB {\n    viewer { account { name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Ids {\n    viewer { account { id } apiKey { id } }\n  }\n"): (typeof documents)["\n  query Ids {\n    viewer { account { id } apiKey { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Node($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on Account { name }\n      ... on ApiKey { name prefix }\n    }\n  }\n"): (typeof documents)["\n  query Node($id: ID!) {\n    node(id: $id) {\n      id\n      __typename\n      ... on Account { name }\n      ... on ApiKey { name prefix }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) { id __typename }\n  }\n"): (typeof documents)["\n  query Nodes($ids: [ID!]!) {\n    nodes(ids: $ids) { id __typename }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Packages {\n    viewer {\n      account {\n        packages {\n          provider { kind label }\n          name totalSms usedSms remainingSms expiresAt credits\n          balance { amount currency }\n          error { code message }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Packages {\n    viewer {\n      account {\n        packages {\n          provider { kind label }\n          name totalSms usedSms remainingSms expiresAt credits\n          balance { amount currency }\n          error { code message }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PackagesSend($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation PackagesSend($input: SendInput!) {\n    send(input: $input) { message { id } userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatusSource($id: ID!) {\n    message(id: $id) { status statusSource }\n  }\n"): (typeof documents)["\n  query StatusSource($id: ID!) {\n    message(id: $id) { status statusSource }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Connect($input: ConnectProviderInput!) {\n    connectProvider(input: $input) {\n      provider {\n        id kind label priority enabled baseUrl credentialFields options webhookUrl\n        capabilities { maxBatchSize nativeScheduling nativeCancel statusDelivery requestsPerSecond }\n      }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation Connect($input: ConnectProviderInput!) {\n    connectProvider(input: $input) {\n      provider {\n        id kind label priority enabled baseUrl credentialFields options webhookUrl\n        capabilities { maxBatchSize nativeScheduling nativeCancel statusDelivery requestsPerSecond }\n      }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Update($input: UpdateProviderConnectionInput!) {\n    updateProviderConnection(input: $input) {\n      provider { id label priority enabled baseUrl credentialFields options capabilities { requestsPerSecond } }\n      userErrors { field message code }\n    }\n  }\n"): (typeof documents)["\n  mutation Update($input: UpdateProviderConnectionInput!) {\n    updateProviderConnection(input: $input) {\n      provider { id label priority enabled baseUrl credentialFields options capabilities { requestsPerSecond } }\n      userErrors { field message code }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Disconnect($input: DisconnectProviderInput!) {\n    disconnectProvider(input: $input) { provider { id enabled } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation Disconnect($input: DisconnectProviderInput!) {\n    disconnectProvider(input: $input) { provider { id enabled } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Providers {\n    viewer { account { providers { id kind label priority } } }\n  }\n"): (typeof documents)["\n  query Providers {\n    viewer { account { providers { id kind label priority } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendVia($input: SendInput!) {\n    send(input: $input) { message { id provider { id label } } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation SendVia($input: SendInput!) {\n    send(input: $input) { message { id provider { id label } } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoopSend($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation LoopSend($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoopSendMany($input: SendBulkInput!) {\n    sendBulk(input: $input) { bulk { id accepted } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation LoopSendMany($input: SendBulkInput!) {\n    sendBulk(input: $input) { bulk { id accepted } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoopCancel($input: CancelInput!) {\n    cancel(input: $input) { messages { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation LoopCancel($input: CancelInput!) {\n    cancel(input: $input) { messages { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LoopMessage($id: ID!) {\n    message(id: $id) { status providerMessageId scheduledAt events { status providerStatus } }\n  }\n"): (typeof documents)["\n  query LoopMessage($id: ID!) {\n    message(id: $id) { status providerMessageId scheduledAt events { status providerStatus } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendThrough($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation SendThrough($input: SendInput!) {\n    send(input: $input) { message { id status } userErrors { field message code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MessageStatus($id: ID!) {\n    message(id: $id) { status providerMessageId events { status providerStatus } }\n  }\n"): (typeof documents)["\n  query MessageStatus($id: ID!) {\n    message(id: $id) { status providerMessageId events { status providerStatus } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateKeyForSubscription($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { apiKey { id } secret userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation CreateKeyForSubscription($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) { apiKey { id } secret userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeForSubscription($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { userErrors { code } }\n  }\n"): (typeof documents)["\n  mutation RevokeForSubscription($input: RevokeApiKeyInput!) {\n    revokeApiKey(input: $input) { userErrors { code } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConnectForTest($input: ConnectProviderInput!) {\n    connectProvider(input: $input) { provider { id webhookUrl } userErrors { field message code } }\n  }\n"): (typeof documents)["\n  mutation ConnectForTest($input: ConnectProviderInput!) {\n    connectProvider(input: $input) { provider { id webhookUrl } userErrors { field message code } }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;