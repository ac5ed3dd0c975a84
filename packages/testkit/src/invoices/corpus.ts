import { generateInvoiceTruth, type GenerateInvoiceOptions } from './generate.ts';
import type { InvoiceRenderer } from './render.ts';
import { degradeToScan, imageOnlyPdf, type ScanOptions } from './scan.ts';
import type { InvoiceTruth } from './truth.ts';
import { toPeppolUbl, toSvefaktura } from './xml.ts';

export const CORPUS_KINDS = ['pdf', 'png', 'scan', 'image_pdf', 'ubl', 'svefaktura'] as const;
export type CorpusKind = (typeof CORPUS_KINDS)[number];

export type CorpusMediaType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'application/xml';

export interface CorpusItem {
  kind: CorpusKind;
  /** Index of the invoice in the corpus (every kind of one invoice shares it and the truth). */
  index: number;
  truth: InvoiceTruth;
  bytes: Buffer;
  mediaType: CorpusMediaType;
  fileName: string;
}

export interface CorpusOptions {
  /** How many invoices; each is produced in every requested kind. */
  count: number;
  seed: number;
  kinds: readonly CorpusKind[];
  /** Needed for pdf, png, scan and image_pdf. */
  renderer?: InvoiceRenderer;
  /** Every n-th invoice (index n−1, 2n−1 …) is a credit note; 0 or left out: none. */
  creditNoteEvery?: number;
  /** Further options for every invoice (seed and documentType are set per invoice). */
  invoice?: Omit<GenerateInvoiceOptions, 'seed' | 'documentType'>;
  /** Fixed scan degradation (default: drawn per invoice from its seed). */
  scan?: Omit<ScanOptions, 'seed'>;
  /** Resolution of png, scan and image_pdf renders (default 200). */
  dpi?: number;
}

const MEDIA_TYPES: Record<CorpusKind, CorpusMediaType> = {
  pdf: 'application/pdf',
  png: 'image/png',
  scan: 'image/jpeg',
  image_pdf: 'application/pdf',
  ubl: 'application/xml',
  svefaktura: 'application/xml',
};

const SUFFIXES: Record<CorpusKind, string> = {
  pdf: '.pdf',
  png: '.png',
  scan: '-scan.jpg',
  image_pdf: '-scan.pdf',
  ubl: '-peppol.xml',
  svefaktura: '-svefaktura.xml',
};

const NEEDS_RENDERER: readonly CorpusKind[] = ['pdf', 'png', 'scan', 'image_pdf'];

/**
 * A reproducible set of invoices in the requested forms, each with its truth, for tests and the
 * extraction benchmark. Items come invoice by invoice, kinds in the order given.
 */
export async function* generateCorpus(options: CorpusOptions): AsyncGenerator<CorpusItem> {
  const { renderer } = options;
  if (!renderer && options.kinds.some((kind) => NEEDS_RENDERER.includes(kind))) {
    throw new Error(`generateCorpus: kinds ${options.kinds.join(', ')} need a renderer`);
  }
  const dpi = options.dpi ?? 200;
  for (let index = 0; index < options.count; index += 1) {
    const seed = options.seed * 100_003 + index;
    const credit = (options.creditNoteEvery ?? 0) > 0 && (index + 1) % (options.creditNoteEvery ?? 1) === 0;
    const truth = generateInvoiceTruth({
      ...options.invoice,
      seed,
      documentType: credit ? 'credit_note' : 'invoice',
    });
    const base = `${String(index + 1).padStart(4, '0')}-${truth.template}-${truth.invoiceNumber}`;
    let png: Buffer | undefined;
    let scan: Buffer | undefined;
    const pngOf = async (r: InvoiceRenderer): Promise<Buffer> => (png ??= await r.png(truth, { dpi }));
    const scanOf = async (r: InvoiceRenderer): Promise<Buffer> =>
      (scan ??= await degradeToScan(await pngOf(r), { ...options.scan, seed, dpi }));

    for (const kind of options.kinds) {
      let bytes: Buffer;
      if (kind === 'ubl') bytes = Buffer.from(toPeppolUbl(truth), 'utf8');
      else if (kind === 'svefaktura') bytes = Buffer.from(toSvefaktura(truth), 'utf8');
      else {
        const r = renderer as InvoiceRenderer;
        if (kind === 'pdf') bytes = await r.pdf(truth);
        else if (kind === 'png') bytes = await pngOf(r);
        else if (kind === 'scan') bytes = await scanOf(r);
        else bytes = await imageOnlyPdf(await scanOf(r), r);
      }
      yield { kind, index, truth, bytes, mediaType: MEDIA_TYPES[kind], fileName: `${base}${SUFFIXES[kind]}` };
    }
  }
}
