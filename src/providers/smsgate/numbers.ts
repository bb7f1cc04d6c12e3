import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * SMSGate's `numbers` are local (0701234567): a number of the connection's country goes out in
 * its national format, digits only. The document shows no other country's numbers; we send those
 * in international format with the `+` (the emulator accepts both). A number we cannot read is
 * sent as it came, for SMSGate to refuse.
 */
export function toSmsGateNumber(e164: string, country: string): string {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone) return e164;
  const home = country as CountryCode;
  const sameCode = phone.countryCallingCode === getCountryCallingCode(home);
  // A shared calling code (+1, +44...) with no country resolved still reads as a local number.
  if (sameCode && (phone.country === undefined || phone.country === home)) return phone.formatNational().replace(/\D/g, '');
  return phone.number;
}
