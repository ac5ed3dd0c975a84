/**
 * `%`, `_` and `\` are LIKE wildcards to Prisma's `contains` / `startsWith`; a search for them means the
 * characters themselves: `{ name: { contains: escapeLike(q), mode: 'insensitive' } }`.
 */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
