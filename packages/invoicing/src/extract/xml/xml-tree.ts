import { AppError, dec } from '@iris/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A safe, namespace-blind view of an XML document for the e-invoice mappers. Security first: a document
 * with a DOCTYPE is refused before parsing (that is where XXE and billion-laughs entities live), and the
 * parser expands no entities at all; the five predefined XML entities and character references are
 * decoded here, in text only, where they cannot expand into anything.
 */

export interface XmlElement {
  readonly [name: string]: XmlNode[] | string | undefined;
}
/** A leaf element without attributes is its text; anything else an element object. */
export type XmlNode = string | XmlElement;

const ATTRIBUTE_PREFIX = '@_';

/** Bytes → text, honouring a BOM and a Latin-1 declaration (older Svefaktura senders use ISO-8859-1). */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /<\?xml[^>]*encoding\s*=\s*["']([\w-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  const latin =
    declared !== undefined && ['iso-8859-1', 'latin1', 'iso-8859-15', 'windows-1252'].includes(declared);
  return new TextDecoder(latin ? 'windows-1252' : 'utf-8').decode(bytes).replace(/^\uFEFF/, '');
}

function invalid(message: string, details?: Record<string, unknown>): AppError {
  return new AppError('INVOICE_FILE_INVALID', message, details);
}

/** Refuses DOCTYPE/ENTITY declarations and malformed XML, then parses with entity expansion off. */
export function parseXmlTree(text: string): XmlElement {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw invalid('XML with a DOCTYPE or entity declaration is refused (e-invoices never need one)');
  }
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    throw invalid(`The XML is not well-formed: ${validation.err.msg}`, {
      line: validation.err.line,
      column: validation.err.col,
    });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: ATTRIBUTE_PREFIX,
    removeNSPrefix: true,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  });
  const tree: unknown = parser.parse(text);
  if (typeof tree !== 'object' || tree === null) throw invalid('The XML has no root element');
  return tree as XmlElement;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (whole, entity: string) => {
    const lower = entity.toLowerCase();
    if (lower.startsWith('#x')) return safeCodePoint(Number.parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith('#')) return safeCodePoint(Number.parseInt(lower.slice(1), 10), whole);
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? whole;
  });
}

function safeCodePoint(codePoint: number, fallback: string): string {
  return Number.isInteger(codePoint) && codePoint > 0 && codePoint <= 0x10ffff
    ? String.fromCodePoint(codePoint)
    : fallback;
}

/** The elements reached by following `path` (local names) from `node`, in document order. */
export function all(node: XmlNode | undefined, ...path: string[]): XmlNode[] {
  let current: XmlNode[] = node === undefined ? [] : [node];
  for (const name of path) {
    current = current.flatMap((item) => {
      if (typeof item === 'string') return [];
      const value = item[name];
      return Array.isArray(value) ? value : [];
    });
  }
  return current;
}

export function first(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  return all(node, ...path)[0];
}

/** Trimmed text content of an element, or null if it is absent or empty. */
export function text(node: XmlNode | undefined): string | null {
  if (node === undefined) return null;
  const raw = typeof node === 'string' ? node : node['#text'];
  if (typeof raw !== 'string') return null;
  const decoded = decodeEntities(raw).trim();
  return decoded.length > 0 ? decoded : null;
}

export function textAt(node: XmlNode | undefined, ...path: string[]): string | null {
  for (const found of all(node, ...path)) {
    const value = text(found);
    if (value !== null) return value;
  }
  return null;
}

export function attribute(node: XmlNode | undefined, name: string): string | null {
  if (node === undefined || typeof node === 'string') return null;
  const value = node[`${ATTRIBUTE_PREFIX}${name}`];
  return typeof value === 'string' && value.trim().length > 0 ? decodeEntities(value.trim()) : null;
}

/** What a document without a currency code is taken to be in (Swedish suppliers' invoices). */
const DEFAULT_CURRENCY = 'SEK';

/**
 * The document currency: SEK when the code is missing, a three-letter code in upper case ("sek" → SEK).
 * Anything else ("kr", "SEK.", "Kronor") is refused by name rather than guessed: amounts in an unknown
 * currency must not be reconciled as kronor.
 */
export function documentCurrency(code: string | null): string {
  if (code === null) return DEFAULT_CURRENCY;
  if (/^[A-Za-z]{3}$/.test(code)) return code.toUpperCase();
  const shown = code.length > 20 ? `${code.slice(0, 20)}…` : code;
  throw new AppError(
    'INVOICE_FILE_INVALID',
    `The invoice's currency code "${shown}" is not an ISO 4217 code (such as SEK or EUR); ask the supplier to correct it, or enter the invoice by hand.`,
    { currencyCode: shown },
  );
}

/** An XML decimal ("1234.50", "+5", "-0.40") as the model's decimal text, or null if it is not one. */
export function xmlDecimal(value: string | null): string | null {
  if (value === null) return null;
  const match = /^([+-]?)(\d{1,12})(?:\.(\d{1,6}))?$/.exec(value.trim());
  if (!match) return null;
  const [, sign, integer = '', fraction] = match;
  const body =
    fraction === undefined
      ? integer.replace(/^0+(?=\d)/, '')
      : `${integer.replace(/^0+(?=\d)/, '')}.${fraction}`;
  return sign === '-' && !/^[0.]+$/.test(body) ? `-${body}` : body;
}

/** price ÷ base quantity, when a price is stated per several units; kept exact up to 6 decimals. */
export function pricePerUnit(price: string | null, baseQuantity: string | null): string | null {
  if (price === null) return null;
  if (baseQuantity === null) return price;
  const base = dec(baseQuantity);
  if (base.isZero() || base.equals(1)) return price;
  return xmlDecimal(dec(price).dividedBy(base).toDecimalPlaces(6).toFixed());
}

/**
 * An ISO date (the date part of a dateTime), or null when there is none or it is not a calendar date
 * (2026-13-45, 2026-02-30): a missing date is flagged by the checks, a shifted one would go unnoticed.
 */
export function xmlDate(value: string | null): string | null {
  const match = value === null ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const roundTrips =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return roundTrips ? match[0] : null;
}
