/**
 * A tiny ordered XML writer: UBL schemas fix the order of elements, which a templated tree keeps exactly.
 * Every text and attribute value is escaped; `null`/`undefined` children and empty elements are left out.
 */
export type XmlNode = string | null | undefined | false | XmlNode[];

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function flatten(children: readonly XmlNode[]): string {
  return children.map((child) => (Array.isArray(child) ? flatten(child) : child || '')).join('');
}

/** An element with child elements. */
export function el(name: string, ...children: XmlNode[]): string {
  const inner = flatten(children);
  return inner === '' ? '' : `<${name}>${inner}</${name}>`;
}

/** An element holding text, with optional attributes; left out when the value is null. */
export function text(
  name: string,
  value: string | null | undefined,
  attributes: Record<string, string> = {},
): string {
  if (value === null || value === undefined) return '';
  const attrs = Object.entries(attributes)
    .map(([key, attr]) => ` ${key}="${escapeXml(attr)}"`)
    .join('');
  return `<${name}${attrs}>${escapeXml(value)}</${name}>`;
}

export function document(
  rootName: string,
  namespaces: Record<string, string>,
  ...children: XmlNode[]
): string {
  const attrs = Object.entries(namespaces)
    .map(([prefix, uri]) => ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeXml(uri)}"`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${rootName}${attrs}>${flatten(children)}</${rootName}>\n`;
}
