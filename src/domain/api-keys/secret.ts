import { createHash, randomBytes } from 'node:crypto';

// sb_ + 32 base62 characters of randomness (~190 bits) + 6 base62 characters of CRC-32.
// The checksum lets a typo be refused without a database look-up, as GitHub's tokens do.
const PREFIX = 'sb_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const DISPLAY_LENGTH = PREFIX.length + 8;
const SHAPE = new RegExp(`^${PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

function base62(value: number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 * 62: drop the top bytes so every character is equally likely.
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text)) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface GeneratedSecret {
  secret: string;
  prefix: string;
  hash: string;
}

export function generateSecret(): GeneratedSecret {
  const random = randomBase62(RANDOM_LENGTH);
  const secret = `${PREFIX}${random}${base62(crc32(random), CHECKSUM_LENGTH)}`;
  return { secret, prefix: displayPrefix(secret), hash: hashSecret(secret) };
}

/** True when the text has the shape of a key and its checksum matches. */
export function isWellFormedSecret(text: string): boolean {
  if (!SHAPE.test(text)) return false;
  const random = text.slice(PREFIX.length, PREFIX.length + RANDOM_LENGTH);
  return text.slice(-CHECKSUM_LENGTH) === base62(crc32(random), CHECKSUM_LENGTH);
}

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export const displayPrefix = (secret: string): string => secret.slice(0, DISPLAY_LENGTH);
