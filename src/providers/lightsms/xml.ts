/**
 * No XML library is installed, so this reads exactly what LightSMS answers with `return=xml`:
 * an optional declaration, then elements that carry attributes and child elements only
 * (`<response><phones><phone phone="…" error="0" … /></phones></response>`). Text content,
 * comments, CDATA or mismatched tags make the document unreadable (undefined), never guessed at.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

const DECLARATION = /^\s*<\?xml[^?]*\?>/;
const OPEN_TAG = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;
const ATTRIBUTE = /([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(text: string): XmlElement | undefined {
  const rest = text.replace(DECLARATION, '');
  const parsed = readElement(rest, skipSpace(rest, 0));
  if (!parsed || skipSpace(rest, parsed.end) !== rest.length) return undefined;
  return parsed.element;
}

function readElement(text: string, start: number): { element: XmlElement; end: number } | undefined {
  const open = OPEN_TAG.exec(text.slice(start));
  if (!open) return undefined;
  const [tag, name = '', attributeText = '', selfClosing] = open;
  const attributes = readAttributes(attributeText);
  if (!attributes) return undefined;
  const element: XmlElement = { name, attributes, children: [] };
  let position = start + tag.length;
  if (selfClosing) return { element, end: position };
  const closing = `</${name}>`;
  for (position = skipSpace(text, position); !text.startsWith(closing, position); position = skipSpace(text, position)) {
    const child = readElement(text, position);
    if (!child) return undefined;
    element.children.push(child.element);
    position = child.end;
  }
  return { element, end: position + closing.length };
}

function readAttributes(text: string): Record<string, string> | undefined {
  const attributes: Record<string, string> = {};
  for (const [, name = '', doubleQuoted, singleQuoted] of text.matchAll(ATTRIBUTE)) {
    const value = decodeEntities(doubleQuoted ?? singleQuoted ?? '');
    if (value === undefined || Object.hasOwn(attributes, name)) return undefined;
    attributes[name] = value;
  }
  return attributes;
}

/** The five named entities and numeric references; a bare `&` or another name is unreadable. */
function decodeEntities(value: string): string | undefined {
  let unreadable = false;
  const decoded = value.replace(/&([^;&]*)(;?)/g, (_whole, entity: string, semicolon: string) => {
    const character = semicolon ? entityCharacter(entity) : undefined;
    if (character === undefined) unreadable = true;
    return character ?? '';
  });
  return unreadable ? undefined : decoded;
}

function entityCharacter(entity: string): string | undefined {
  if (Object.hasOwn(ENTITIES, entity)) return ENTITIES[entity];
  const hex = /^#x([0-9a-f]{1,6})$/i.exec(entity)?.[1];
  const decimal = /^#(\d{1,7})$/.exec(entity)?.[1];
  const codePoint = hex !== undefined ? parseInt(hex, 16) : decimal !== undefined ? Number(decimal) : NaN;
  return codePoint >= 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : undefined;
}

function skipSpace(text: string, position: number): number {
  while (position < text.length && /\s/.test(text[position]!)) position += 1;
  return position;
}
