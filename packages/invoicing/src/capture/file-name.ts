/** Control characters (C0, DEL, C1) and bidirectional overrides that could disguise an extension. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_LENGTH = 255;

/**
 * The file name as shown to people: no directories (a client may send `C:\scans\x.pdf` or `../x.pdf`), no
 * control or direction-override characters, at most 255 characters (code points, keeping the extension),
 * never empty.
 */
export function sanitizeFileName(fileName: string, fallback = 'invoice'): string {
  const base = (fileName.split(/[/\\]/).pop() ?? '').replace(UNSAFE, '').normalize('NFC').trim();
  const cleaned = base === '.' || base === '..' ? '' : base;
  if (cleaned === '') return fallback;
  const chars = [...cleaned];
  if (chars.length <= MAX_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 0 && extension.length <= 16) {
    return chars.slice(0, MAX_LENGTH - extension.length).join('') + extension.join('');
  }
  return chars.slice(0, MAX_LENGTH).join('');
}
