import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderInvoiceHtml } from './html.ts';
import type { InvoiceTemplate } from './templates.ts';
import type { InvoiceTemplateId, InvoiceTruth } from './truth.ts';

/** CSS pixels per inch: a device scale factor of dpi / 96 turns a CSS-sized A4 page into `dpi` pixels. */
const CSS_DPI = 96;
/** A4 (210 × 297 mm) in CSS pixels. */
const A4_CSS = { width: Math.round((210 / 25.4) * CSS_DPI), height: Math.round((297 / 25.4) * CSS_DPI) };

/** No network, no background services: rendering must never download anything. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

export function defaultChromiumPath(): string {
  // A test-support tool read by tests and benchmarks directly; there is no app env.ts to route it through.
  // eslint-disable-next-line no-restricted-properties
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export interface RenderOptions {
  template?: InvoiceTemplate | InvoiceTemplateId;
}

export interface PngOptions extends RenderOptions {
  /** Pixels per inch of the screenshot (default 200: A4 is then 1654 px wide). */
  dpi?: number;
}

/**
 * One headless chromium, launched on first use and reused across invoices (launching costs far more than a
 * render). playwright gives each launch a fresh temporary profile directory and removes it on close.
 */
export class InvoiceRenderer {
  readonly executablePath: string;
  private browser: Promise<Browser> | undefined;
  private readonly pages = new Map<number, { page: Promise<Page>; queue: Promise<void> }>();

  constructor(options: { executablePath?: string } = {}) {
    this.executablePath = options.executablePath ?? defaultChromiumPath();
  }

  /** A text PDF of the invoice (A4, backgrounds printed). */
  async pdf(truth: InvoiceTruth, options: RenderOptions = {}): Promise<Buffer> {
    return this.htmlToPdf(renderInvoiceHtml(truth, options.template));
  }

  /** A full-page PNG screenshot, A4 wide at `dpi` (taller than A4 when the invoice runs over a page). */
  async png(truth: InvoiceTruth, options: PngOptions = {}): Promise<Buffer> {
    return this.htmlToPng(renderInvoiceHtml(truth, options.template), options.dpi ?? 200);
  }

  /** Any HTML page printed to an A4 PDF. */
  async htmlToPdf(html: string): Promise<Buffer> {
    return this.withPage(1, async (page) => {
      await page.setContent(html, { waitUntil: 'load' });
      return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    });
  }

  async htmlToPng(html: string, dpi: number): Promise<Buffer> {
    if (!(dpi >= 50 && dpi <= 600)) throw new RangeError(`dpi must be 50–600, got ${dpi}`);
    return this.withPage(dpi / CSS_DPI, async (page) => {
      // The viewport sets the page width; a full-page screenshot grows with the content.
      await page.setViewportSize(A4_CSS);
      await page.setContent(html, { waitUntil: 'load' });
      return page.screenshot({ fullPage: true, type: 'png' });
    });
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.pages.clear();
    if (browser) await (await browser).close();
  }

  /**
   * One page per device scale factor, kept open between renders (a new context per render doubles the
   * time). Renders on the same page are serialized, so concurrent callers never share a half-set page.
   */
  private async withPage<T>(scale: number, use: (page: Page) => Promise<T>): Promise<T> {
    let slot = this.pages.get(scale);
    if (!slot) {
      const page = this.launch().then(async (browser) => {
        const context = await browser.newContext({
          viewport: A4_CSS,
          deviceScaleFactor: scale,
          offline: true,
          locale: 'sv-SE',
        });
        return context.newPage();
      });
      const created = { page, queue: Promise.resolve() };
      this.pages.set(scale, created);
      // A page that failed to open is not kept: the next render tries again.
      page.catch(() => {
        if (this.pages.get(scale) === created) this.pages.delete(scale);
      });
      slot = created;
    }
    const { page } = slot;
    const run = slot.queue.then(async () => use(await page));
    slot.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      if (!existsSync(this.executablePath)) {
        throw new Error(
          `Chromium not found at ${this.executablePath}: install it (apt-get install chromium) or set CHROMIUM_PATH`,
        );
      }
      this.browser = chromium.launch({
        executablePath: this.executablePath,
        headless: true,
        args: [...CHROMIUM_ARGS],
      });
      // A failed launch must not be cached: the next call tries again.
      void this.browser.catch(() => {
        this.browser = undefined;
      });
    }
    return this.browser;
  }
}
