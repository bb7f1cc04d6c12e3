import { createHash } from 'node:crypto';

/**
 * LightSMS's request signature, as its PHP (ksort + implode), Python (sorted) and JS
 * (Object.keys().sort()) examples compute it: the values of every other parameter, in ascending
 * order of their names, concatenated with nothing between them, then the API key, MD5 in hex.
 */
export function signParameters(params: Readonly<Record<string, string>>, apiKey: string): string {
  const values = Object.keys(params)
    .filter((name) => name !== 'signature')
    .sort()
    .map((name) => params[name]);
  return createHash('md5').update(values.join('') + apiKey, 'utf8').digest('hex');
}
