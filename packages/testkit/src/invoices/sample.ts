/**
 * Writes a small sample corpus for a person to look at: every kind of each invoice plus its truth JSON.
 *
 *   node packages/testkit/src/invoices/sample.ts <outDir> [count]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CORPUS_KINDS, generateCorpus } from './corpus.ts';
import { InvoiceRenderer } from './render.ts';

async function main(): Promise<void> {
  const [outArg, countArg] = process.argv.slice(2);
  if (!outArg) {
    console.error('usage: node packages/testkit/src/invoices/sample.ts <outDir> [count]');
    process.exitCode = 2;
    return;
  }
  const count = countArg === undefined ? 3 : Number(countArg);
  if (!Number.isInteger(count) || count < 1 || count > 500) throw new RangeError('count must be 1–500');
  const outDir = resolve(outArg);
  mkdirSync(outDir, { recursive: true });
  const renderer = new InvoiceRenderer();
  try {
    for await (const item of generateCorpus({
      count,
      seed: 2026,
      kinds: CORPUS_KINDS,
      renderer,
      creditNoteEvery: 4,
    })) {
      writeFileSync(join(outDir, item.fileName), item.bytes);
      if (item.kind === 'pdf') {
        const truthName = item.fileName.replace(/\.pdf$/, '.truth.json');
        writeFileSync(join(outDir, truthName), `${JSON.stringify(item.truth, null, 2)}\n`);
      }
      console.log(`${item.fileName} (${item.bytes.length} bytes)`);
    }
  } finally {
    await renderer.close();
  }
}

await main();
