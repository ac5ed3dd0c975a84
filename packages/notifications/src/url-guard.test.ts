import { describe, expect, it } from 'vitest';
import { isPrivateAddress, webhookUrlProblem } from './url-guard.ts';

const strict = { allowPrivate: false };
const relaxed = { allowPrivate: true };

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '[::1]',
    '2002:a9fe:a9fe::',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '172.32.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('treats something that is not an address as not connectable', () => {
    expect(isPrivateAddress('example.com')).toBe(true);
  });
});

describe('webhookUrlProblem', () => {
  it('accepts https to a public host', () => {
    expect(webhookUrlProblem('https://hooks.example.com/iris?x=1', strict)).toBeNull();
    expect(webhookUrlProblem('https://93.184.216.34:8443/hook', strict)).toBeNull();
  });

  it.each([
    ['http://hooks.example.com/iris', 'Only https URLs are accepted.'],
    ['http://169.254.169.254/latest/meta-data/', 'Only https URLs are accepted.'],
    [
      'https://169.254.169.254/latest/meta-data/',
      'The URL points to a private, loopback or reserved address.',
    ],
    ['https://localhost/hook', 'The URL must name a public host.'],
    ['https://api.localhost/hook', 'The URL must name a public host.'],
    ['https://printer.local/hook', 'The URL must name a public host.'],
    ['https://intranet/hook', 'The URL must name a public host.'],
    ['https://127.0.0.1/hook', 'The URL points to a private, loopback or reserved address.'],
    ['https://2130706433/hook', 'The URL points to a private, loopback or reserved address.'],
    ['https://0x7f.1/hook', 'The URL points to a private, loopback or reserved address.'],
    ['https://[::1]/hook', 'The URL points to a private, loopback or reserved address.'],
    ['https://[::ffff:169.254.169.254]/hook', 'The URL points to a private, loopback or reserved address.'],
    ['https://10.0.0.1/hook', 'The URL points to a private, loopback or reserved address.'],
    ['https://user:pass@hooks.example.com/', 'Credentials in the URL are not accepted.'],
    ['ftp://hooks.example.com/', 'Only https URLs are accepted.'],
    ['not a url', 'Not a valid absolute URL.'],
  ])('refuses %s', (url, problem) => {
    expect(webhookUrlProblem(url, strict)).toBe(problem);
  });

  it('accepts http and private hosts when allowed (tests, local development), still no credentials', () => {
    expect(webhookUrlProblem('http://127.0.0.1:4000/hook', relaxed)).toBeNull();
    expect(webhookUrlProblem('http://localhost:4000/hook', relaxed)).toBeNull();
    expect(webhookUrlProblem('http://a:b@localhost/', relaxed)).toBe(
      'Credentials in the URL are not accepted.',
    );
    expect(webhookUrlProblem('file:///etc/passwd', relaxed)).toBe('Only https URLs are accepted.');
  });
});
