import { parseXml } from './xml.js';

/**
 * A LightSMS answer as one plain object, whichever format it came in. The document shows both:
 * JSON `{ "<phone>": { error, id_sms, cost, count_sms } }` and XML
 * `<response><phones><phone phone="<phone>" error=… /></phones></response>`. Answers it does not
 * show (a request-level error, the balance) are our choice, written the same way in both: JSON
 * `{ "error": "1", "message": "…" }` is XML `<response error="1" message="…" />`, i.e. top-level
 * fields are attributes of `<response>`. The format is told by the body, not by `return=`.
 */
export function readAnswer(text: string): Record<string, unknown> | undefined {
  const body = text.trim();
  return body.startsWith('<') ? fromXml(body) : fromJson(body);
}

function fromJson(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fromXml(body: string): Record<string, unknown> | undefined {
  const root = parseXml(body);
  if (root?.name !== 'response') return undefined;
  const entries: Array<[string, unknown]> = Object.entries(root.attributes);
  for (const list of root.children) {
    if (list.name !== 'phones' || Object.keys(list.attributes).length > 0) return undefined;
    for (const entry of list.children) {
      const { phone, ...fields } = entry.attributes;
      if (entry.name !== 'phone' || !phone || entry.children.length > 0) return undefined;
      entries.push([phone, fields]);
    }
  }
  // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
  return Object.fromEntries(entries);
}
