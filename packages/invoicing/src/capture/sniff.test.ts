import { describe, expect, it } from 'vitest';
import { AppError } from '@iris/core';
import { sanitizeFileName } from './file-name.ts';
import { detectInvoiceMediaType, sniffMediaType } from './sniff.ts';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
/** A PNG signature and IHDR chunk saying width × height. */
function png(width: number, height: number): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0]);
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}
/** SOI, APP0 (JFIF) and a baseline frame header saying width × height. */
function jpeg(width: number, height: number): Buffer {
  return Buffer.from([
    ...[0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
    ...[0xff, 0xc0, 0, 11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0],
  ]);
}
const PNG = png(1240, 1754);
const JPEG = jpeg(2480, 3508);
const XML = Buffer.from('<?xml version="1.0"?><Invoice/>');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00', 'latin1');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('sniffMediaType', () => {
  it.each([
    ['pdf', PDF, 'application/pdf'],
    ['png', PNG, 'image/png'],
    ['jpeg', JPEG, 'image/jpeg'],
    ['xml declaration', XML, 'application/xml'],
    [
      'xml with BOM and whitespace',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(' \r\n<Invoice/>')]),
      'application/xml',
    ],
    ['xml without declaration', Buffer.from('<ubl:Invoice xmlns:ubl="x"/>'), 'application/xml'],
    ['zip', ZIP, null],
    ['exe', EXE, null],
    ['text', Buffer.from('Faktura 123'), null],
    ['a lone <', Buffer.from('< 3'), null],
  ])('%s', (_name, bytes, expected) => {
    expect(sniffMediaType(bytes)).toBe(expected);
  });
});

describe('detectInvoiceMediaType', () => {
  it('accepts content that matches the declared type and extension', () => {
    expect(detectInvoiceMediaType(PDF, { declaredType: 'application/pdf', fileName: 'f.pdf' })).toBe(
      'application/pdf',
    );
    expect(detectInvoiceMediaType(XML, { declaredType: 'text/xml; charset=utf-8', fileName: 'f.XML' })).toBe(
      'application/xml',
    );
    expect(detectInvoiceMediaType(JPEG, { declaredType: 'image/jpg', fileName: 'scan.jpeg' })).toBe(
      'image/jpeg',
    );
  });

  it('lets the content decide when nothing specific is declared', () => {
    expect(detectInvoiceMediaType(PNG, { declaredType: null, fileName: 'scan' })).toBe('image/png');
    expect(detectInvoiceMediaType(PNG, { declaredType: 'application/octet-stream', fileName: 'scan' })).toBe(
      'image/png',
    );
  });

  it('refuses content that is not what was declared (422)', () => {
    expect(
      codeOf(() => detectInvoiceMediaType(ZIP, { declaredType: 'application/pdf', fileName: 'f.pdf' })),
    ).toBe('INVOICE_FILE_INVALID');
    expect(codeOf(() => detectInvoiceMediaType(EXE, { declaredType: null, fileName: 'f.pdf' }))).toBe(
      'INVOICE_FILE_INVALID',
    );
    expect(
      codeOf(() => detectInvoiceMediaType(PNG, { declaredType: 'application/pdf', fileName: 'f' })),
    ).toBe('INVOICE_FILE_INVALID');
    expect(codeOf(() => detectInvoiceMediaType(PDF, { declaredType: null, fileName: 'f.png' }))).toBe(
      'INVOICE_FILE_INVALID',
    );
  });

  it('refuses an image over 40 megapixels, or without a readable size, from its header (422)', () => {
    expect(
      codeOf(() => detectInvoiceMediaType(png(50_000, 50_000), { declaredType: null, fileName: 'x.png' })),
    ).toBe('INVOICE_FILE_INVALID');
    expect(
      codeOf(() =>
        detectInvoiceMediaType(jpeg(65_000, 65_000), { declaredType: 'image/jpeg', fileName: 'x.jpg' }),
      ),
    ).toBe('INVOICE_FILE_INVALID');
    // A PNG signature with nothing after it cannot be decoded either.
    expect(
      codeOf(() => detectInvoiceMediaType(PNG.subarray(0, 12), { declaredType: null, fileName: 'x' })),
    ).toBe('INVOICE_FILE_INVALID');
    expect(detectInvoiceMediaType(png(6000, 6000), { declaredType: null, fileName: 'photo.png' })).toBe(
      'image/png',
    );
  });

  it('a dot in a name is not an extension unless it looks like one (content decides)', () => {
    expect(
      detectInvoiceMediaType(PDF, { declaredType: 'application/pdf', fileName: 'Scan 12.05.2026' }),
    ).toBe('application/pdf');
    expect(detectInvoiceMediaType(PDF, { declaredType: null, fileName: 'Faktura v1.2 slutlig' })).toBe(
      'application/pdf',
    );
    expect(detectInvoiceMediaType(JPEG, { declaredType: null, fileName: 'IMG 2026.05.12' })).toBe(
      'image/jpeg',
    );
    // An unknown extension with a declared type Iris reads: the name is just a name.
    expect(detectInvoiceMediaType(PDF, { declaredType: 'application/pdf', fileName: 'faktura.maj' })).toBe(
      'application/pdf',
    );
    // A known extension still has to agree with the content.
    expect(
      codeOf(() =>
        detectInvoiceMediaType(PDF, { declaredType: 'application/pdf', fileName: 'Scan 12.05.png' }),
      ),
    ).toBe('INVOICE_FILE_INVALID');
  });

  it('refuses an empty file (422)', () => {
    expect(
      codeOf(() =>
        detectInvoiceMediaType(Buffer.alloc(0), { declaredType: 'application/pdf', fileName: 'f.pdf' }),
      ),
    ).toBe('INVOICE_FILE_INVALID');
  });

  it('refuses types and extensions Iris does not read (415)', () => {
    const docx = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    expect(codeOf(() => detectInvoiceMediaType(ZIP, { declaredType: docx, fileName: 'f.docx' }))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(codeOf(() => detectInvoiceMediaType(ZIP, { declaredType: null, fileName: 'f.docx' }))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(codeOf(() => detectInvoiceMediaType(PDF, { declaredType: 'text/plain', fileName: 'f.pdf' }))).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });
});

describe('sanitizeFileName', () => {
  it('drops directories and control characters', () => {
    expect(sanitizeFileName('C:\\scans\\faktura.pdf')).toBe('faktura.pdf');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('fak\u0000tu\nra\u202Efdp.pdf')).toBe('fakturafdp.pdf');
  });

  it('never returns an empty name', () => {
    expect(sanitizeFileName('')).toBe('invoice');
    expect(sanitizeFileName('dir/')).toBe('invoice');
    expect(sanitizeFileName('..')).toBe('invoice');
  });

  it('keeps at most 255 characters and the extension', () => {
    const name = sanitizeFileName(`${'å'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(255);
    expect(name.endsWith('å.pdf')).toBe(true);
    expect([...sanitizeFileName('x'.repeat(400))]).toHaveLength(255);
  });
});
