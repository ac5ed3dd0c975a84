import { describe, expect, it } from 'vitest';
import { storableText } from './webhook-dispatcher.ts';

describe('storableText', () => {
  it('replaces NUL characters and lone surrogates, and keeps everything else', () => {
    expect(storableText('ok\u0000')).toBe('ok\uFFFD');
    expect(storableText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(storableText('smörgås 🥪')).toBe('smörgås 🥪');
  });
});
