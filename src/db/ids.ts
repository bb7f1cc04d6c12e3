import { v7 } from 'uuid';

/** Time-ordered UUIDs (v7): index-friendly, and a tie-breaker that follows creation order. */
export const newId = (): string => v7();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs from clients are checked before they reach a uuid column, which would reject them with a fault. */
export const isUuid = (value: string): boolean => UUID.test(value);
