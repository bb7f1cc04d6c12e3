import { parsePhoneNumberWithError, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; message: string };

/**
 * Any common way of writing a number, into E.164. "00" is read as the international prefix, and
 * a national number needs the account's default country. Numbers are checked for a possible
 * length for their country, not against allocated ranges, which go stale faster than the library.
 */
export function toE164(input: string, defaultCountry?: string | null): PhoneResult {
  const text = input.trim().replace(/^00/, '+');
  try {
    const number = parsePhoneNumberWithError(text, (defaultCountry ?? undefined) as CountryCode | undefined);
    if (!number.isPossible()) return { ok: false, message: `"${input}" has the wrong number of digits for +${number.countryCallingCode}` };
    return { ok: true, e164: number.number };
  } catch (error) {
    const reason = (error as Error).message;
    if (reason === 'INVALID_COUNTRY') {
      return { ok: false, message: `"${input}" needs a country code, e.g. +40… (or set the account's default country)` };
    }
    return { ok: false, message: `"${input}" is not a phone number` };
  }
}
