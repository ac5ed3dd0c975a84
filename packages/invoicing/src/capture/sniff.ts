import { AppError } from '@iris/core';
import { INVOICE_MEDIA_TYPES, type InvoiceMediaType } from '../model.ts';
import { assertImageSize } from './image-dimensions.ts';

/** Declared types that name one of the accepted kinds (aliases browsers and mail clients send). */
const DECLARED_TYPES: Record<string, InvoiceMediaType> = {
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
  'image/png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'application/xml': 'application/xml',
  'text/xml': 'application/xml',
};

/** Declared types that say nothing about the content: the bytes decide. */
const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

const EXTENSIONS: Record<string, InvoiceMediaType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  xml: 'application/xml',
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The declared type's essence (`text/xml; charset=utf-8` → `text/xml`). */
function essenceOf(declaredType: string | null): string {
  return (declaredType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The type the upload says it is, from its Content-Type; null when generic. 415 for a type Iris doesn't read. */
export function declaredMediaType(declaredType: string | null): InvoiceMediaType | null {
  const essence = essenceOf(declaredType);
  if (GENERIC_TYPES.has(essence)) return null;
  const type = DECLARED_TYPES[essence];
  if (!type) throw unsupported(`Files of type ${essence} are not read`);
  return type;
}

/** What looks like a file extension: a letter, then up to four letters or digits (pdf, jpeg, docx; not 2026). */
const EXTENSION_SHAPE = /^[a-z][a-z0-9]{0,4}$/i;

/**
 * The type the file name's extension says; null without an extension. Only something shaped like an
 * extension counts ("Scan 12.05.2026" has none). An extension Iris doesn't read is 415, unless the upload
 * declares a type Iris reads (`typeDeclared`): then the name is just a name and the content decides.
 */
export function extensionMediaType(
  fileName: string,
  options: { typeDeclared?: boolean } = {},
): InvoiceMediaType | null {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return null;
  const extension = base.slice(dot + 1).toLowerCase();
  if (!EXTENSION_SHAPE.test(extension)) return null;
  const type = EXTENSIONS[extension];
  if (type) return type;
  if (options.typeDeclared) return null;
  throw unsupported(`Files ending in .${extension} are not read`);
}

/**
 * What an upload declares before its bytes are looked at: the type its Content-Type names and the type its
 * extension names (each null when it says nothing). 415 for a type or extension Iris doesn't read.
 */
export function declaredInvoiceTypes(declared: { declaredType: string | null; fileName: string }): {
  byType: InvoiceMediaType | null;
  byName: InvoiceMediaType | null;
} {
  const byType = declaredMediaType(declared.declaredType);
  const byName = extensionMediaType(declared.fileName, { typeDeclared: byType !== null });
  return { byType, byName };
}

function unsupported(reason: string): AppError {
  return new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    `${reason}: send a PDF, PNG, JPEG or XML (PEPPOL BIS 3 or Svefaktura) invoice.`,
    { accepted: [...INVOICE_MEDIA_TYPES] },
  );
}

/** XML: an optional UTF-8 BOM and whitespace, then a declaration, a comment or a root element. */
function looksLikeXml(bytes: Buffer): boolean {
  let offset = bytes.subarray(0, 3).equals(UTF8_BOM) ? 3 : 0;
  while (offset < bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(bytes[offset]!)) offset += 1;
  const head = bytes.subarray(offset, offset + 5).toString('latin1');
  return head.startsWith('<?xml') || head.startsWith('<!--') || /^<[A-Za-z_]/.test(head);
}

/** What the first bytes say the file really is, or null when it is none of the accepted kinds. */
export function sniffMediaType(bytes: Buffer): InvoiceMediaType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (looksLikeXml(bytes)) return 'application/xml';
  return null;
}

/**
 * The media type of an uploaded invoice, from its content, checked against what the upload declares (its
 * Content-Type and its file name's extension). A type or extension Iris doesn't read → 415
 * UNSUPPORTED_MEDIA_TYPE; an empty file, content of no accepted kind, or content that is not what was
 * declared (a ZIP renamed .pdf), or an image over MAX_IMAGE_PIXELS (or without a readable size) → 422
 * INVOICE_FILE_INVALID.
 */
export function detectInvoiceMediaType(
  bytes: Buffer,
  declared: { declaredType: string | null; fileName: string },
): InvoiceMediaType {
  const { byType, byName } = declaredInvoiceTypes(declared);
  if (bytes.length === 0) throw new AppError('INVOICE_FILE_INVALID', 'The file is empty.');
  const actual = sniffMediaType(bytes);
  if (actual === null) {
    throw new AppError('INVOICE_FILE_INVALID', 'The file is not a PDF, PNG, JPEG or XML document.', {
      declaredType: byType ?? byName,
    });
  }
  for (const claimed of [byType, byName]) {
    if (claimed !== null && claimed !== actual) {
      throw new AppError(
        'INVOICE_FILE_INVALID',
        `The file claims to be ${claimed} but its content is ${actual}.`,
        {
          declaredType: claimed,
          detectedType: actual,
        },
      );
    }
  }
  // Images: the header's size is checked now, so an image too large to decode is refused at upload.
  if (actual === 'image/png' || actual === 'image/jpeg') assertImageSize(bytes, actual);
  return actual;
}
