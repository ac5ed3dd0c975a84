import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard for webhook URLs. Unless private URLs are allowed (tests, local development), an endpoint
 * must be https to a public host: no loopback, private, link-local (cloud metadata at 169.254.169.254),
 * carrier-grade NAT, multicast or reserved addresses, no `localhost` names, no credentials in the URL.
 * Names are checked again on their resolved addresses at delivery time (see webhook-http.ts).
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  // Teredo and 6to4 tunnel IPv4 addresses inside IPv6 (2002:a9fe:a9fe:: is 169.254.169.254): refused whole.
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** The IPv4 address inside an IPv4-mapped or -compatible IPv6 address (::ffff:a.b.c.d, ::ffff:7f00:1). */
function embeddedIpv4(address: string): string | null {
  const match = /^::(?:ffff:)?(?:0:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (match?.[1] && match[2]) {
    const high = parseInt(match[1], 16);
    const low = parseInt(match[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  const dotted = /^::(?:ffff:)?(?:0:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return dotted?.[1] ?? null;
}

/** True for addresses a webhook must not reach (loopback, private, link-local, reserved …). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(bare);
  if (family === 4) return BLOCKED.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare.toLowerCase());
    if (v4 !== null && isIP(v4) === 4) return BLOCKED.check(v4, 'ipv4');
    return BLOCKED.check(bare, 'ipv6');
  }
  // Not an address at all: nothing to connect to.
  return true;
}

const LOCAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

export interface WebhookUrlPolicy {
  allowPrivate: boolean;
}

/** Why a URL is refused (a sentence for the caller), or null when it is acceptable. */
export function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a valid absolute URL.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'Only https URLs are accepted.';
  if (url.username || url.password) return 'Credentials in the URL are not accepted.';
  if (url.hash) return 'A fragment (#…) is not accepted.';
  if (policy.allowPrivate) return null;
  if (url.protocol !== 'https:') return 'Only https URLs are accepted.';
  // URL keeps IPv6 hosts in brackets and normalises IPv4 shorthands (http://2130706433/ → 127.0.0.1).
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    return isPrivateAddress(host) ? 'The URL points to a private, loopback or reserved address.' : null;
  }
  if (LOCAL_NAMES.test(host.replace(/\.$/, '')) || !host.includes('.')) {
    return 'The URL must name a public host.';
  }
  return null;
}
