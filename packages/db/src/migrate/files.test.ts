import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumOf, migrationTimestamp, scriptMatchesChecksum, toSnakeName } from './files.ts';

describe('checksumOf', () => {
  it('is the hex SHA-256 of the UTF-8 script, as Prisma records it', () => {
    expect(checksumOf('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(checksumOf('-- å\n')).toBe(
      createHash('sha256').update(Buffer.from('-- å\n', 'utf8')).digest('hex'),
    );
  });
});

describe('scriptMatchesChecksum', () => {
  const lf = 'CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n';
  const crlf = lf.replaceAll('\n', '\r\n');

  it('matches the same script', () => {
    expect(scriptMatchesChecksum(lf, checksumOf(lf))).toBe(true);
  });

  it('ignores line endings changed by git, both ways', () => {
    expect(scriptMatchesChecksum(crlf, checksumOf(lf))).toBe(true);
    expect(scriptMatchesChecksum(lf, checksumOf(crlf))).toBe(true);
  });

  it('rejects any other edit, even whitespace', () => {
    expect(scriptMatchesChecksum(`${lf}\n`, checksumOf(lf))).toBe(false);
    expect(scriptMatchesChecksum(lf.replace('b', 'c'), checksumOf(lf))).toBe(false);
  });

  it('accepts the unpadded checksums old Prisma engines wrote', () => {
    const digest = createHash('sha256').update(lf).digest();
    const unpadded = [...digest].map((byte) => byte.toString(16)).join('');
    // Only meaningful when some byte is below 0x10, which is the case for this script.
    expect(unpadded.length).toBeLessThan(64);
    expect(scriptMatchesChecksum(lf, unpadded)).toBe(true);
  });
});

describe('toSnakeName', () => {
  it.each([
    ['add_order_lines', 'add_order_lines'],
    ['Add order lines!', 'add_order_lines'],
    ['addOrderLines', 'add_order_lines'],
    ['  --VAT rates 2026-- ', 'vat_rates_2026'],
    ['!!!', ''],
  ])('%j → %j', (input, expected) => {
    expect(toSnakeName(input)).toBe(expected);
  });
});

describe('migrationTimestamp', () => {
  it('is yyyyMMddHHmmss in UTC, whatever the local time zone', () => {
    expect(migrationTimestamp(new Date('2026-03-29T01:02:03+02:00'))).toBe('20260328230203');
    expect(migrationTimestamp(new Date('2027-12-31T23:59:59Z'))).toBe('20271231235959');
  });
});
