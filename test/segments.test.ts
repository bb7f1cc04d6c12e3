import { describe, expect, it } from 'vitest';
import { estimateBody } from '../src/domain/messages/segments.js';

describe('estimateBody (GSM 03.38)', () => {
  it('fits 160 GSM-7 characters in one part and splits 161 into parts of 153', () => {
    expect(estimateBody('a'.repeat(160))).toEqual({ encoding: 'GSM7', characters: 160, segments: 1, charactersPerSegment: 160 });
    expect(estimateBody('a'.repeat(161))).toEqual({ encoding: 'GSM7', characters: 161, segments: 2, charactersPerSegment: 153 });
    expect(estimateBody('a'.repeat(306)).segments).toBe(2);
    expect(estimateBody('a'.repeat(307)).segments).toBe(3);
  });

  it('counts extension characters twice', () => {
    expect(estimateBody('€'.repeat(80))).toMatchObject({ encoding: 'GSM7', characters: 160, segments: 1 });
    expect(estimateBody('€'.repeat(81))).toMatchObject({ characters: 162, segments: 2 });
    expect(estimateBody('{}[]~|^\\')).toMatchObject({ characters: 16 });
  });

  it('never splits an escape pair across parts', () => {
    // 152 + 2 + 153 = 307 septets: three parts, because the € cannot start at septet 153 of part one.
    expect(estimateBody(`${'a'.repeat(152)}€${'a'.repeat(153)}`)).toMatchObject({ characters: 307, segments: 3 });
    expect(estimateBody(`${'a'.repeat(151)}€${'a'.repeat(153)}`)).toMatchObject({ characters: 306, segments: 2 });
  });

  it('switches the whole body to UCS-2 for one character outside GSM-7', () => {
    expect(estimateBody('ж'.repeat(70))).toEqual({ encoding: 'UCS2', characters: 70, segments: 1, charactersPerSegment: 70 });
    expect(estimateBody('ж'.repeat(71))).toEqual({ encoding: 'UCS2', characters: 71, segments: 2, charactersPerSegment: 67 });
    expect(estimateBody('ж'.repeat(134)).segments).toBe(2);
    expect(estimateBody('ж'.repeat(135)).segments).toBe(3);
    expect(estimateBody('Ça va? ç').encoding).toBe('UCS2');
    expect(estimateBody('Ça va?').encoding).toBe('GSM7');
    expect(estimateBody('`').encoding).toBe('UCS2');
    expect(estimateBody('hi 😀').encoding).toBe('UCS2');
  });

  it('never splits a surrogate pair (emoji) across parts', () => {
    // 66 + 2 + 4 = 72 units: two parts, the emoji moving whole into the second.
    expect(estimateBody(`${'ж'.repeat(66)}😀${'ж'.repeat(4)}`)).toMatchObject({ characters: 72, segments: 2 });
    // 66 + 2 + 66 = 134 units would fit two parts of 67 only by splitting the emoji: it takes three.
    expect(estimateBody(`${'ж'.repeat(66)}😀${'ж'.repeat(66)}`)).toMatchObject({ characters: 134, segments: 3 });
  });

  it('reports an empty body as zero parts', () => {
    expect(estimateBody('')).toEqual({ encoding: 'GSM7', characters: 0, segments: 0, charactersPerSegment: 160 });
  });
});
