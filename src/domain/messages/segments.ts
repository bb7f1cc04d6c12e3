export type Encoding = 'GSM7' | 'UCS2';

export interface BodyEstimate {
  encoding: Encoding;
  /** Septets for GSM-7 (extension characters count twice), UTF-16 code units for UCS-2. */
  characters: number;
  segments: number;
  charactersPerSegment: number;
}

// GSM 03.38 default alphabet and its extension table (each extension character is ESC + char).
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

const LIMITS = {
  GSM7: { single: 160, part: 153 },
  UCS2: { single: 70, part: 67 },
} as const;

/**
 * Packs units into parts greedily. A unit never straddles two parts: an escape pair or a surrogate
 * pair split across parts would arrive as two broken characters, so it moves to the next part.
 */
function countParts(units: number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const size of units) {
    if (used + size > perPart) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

export function estimateBody(body: string): BodyEstimate {
  const characters = [...body];
  const gsm = characters.every((c) => GSM7_BASIC.has(c) || GSM7_EXTENSION.has(c));
  const encoding: Encoding = gsm ? 'GSM7' : 'UCS2';
  const units = characters.map((c) => (gsm ? (GSM7_EXTENSION.has(c) ? 2 : 1) : c.length));
  const total = units.reduce((sum, size) => sum + size, 0);
  const limits = LIMITS[encoding];
  if (total <= limits.single) {
    return { encoding, characters: total, segments: total === 0 ? 0 : 1, charactersPerSegment: limits.single };
  }
  return { encoding, characters: total, segments: countParts(units, limits.part), charactersPerSegment: limits.part };
}
