/**
 * The input of the invoice text parser: lines of words, as a PDF's text layer (pdfjs) or OCR (tesseract)
 * gives them. OCR words carry a confidence so the parser can flag numbers it should not trust.
 */
export interface TextWord {
  text: string;
  /** 0–100 for OCR; null for a text layer (exact) */
  confidence: number | null;
}

export interface TextLine {
  words: TextWord[];
  /** words joined by single spaces */
  text: string;
}

/** Builds a line from its words, dropping empty words and collapsing whitespace inside them. */
export function textLine(words: TextWord[]): TextLine {
  const kept = words
    .map((word) => ({ text: word.text.replace(/\s+/g, ' ').trim(), confidence: word.confidence }))
    .filter((word) => word.text.length > 0);
  return { words: kept, text: kept.map((word) => word.text).join(' ') };
}

/** Splits plain text (a text layer without confidences) into lines of words; handy for tests and XML-less input. */
export function textLinesFromPlainText(text: string): TextLine[] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      textLine(
        line
          .split(/[ \t]+/)
          .filter((part) => part.length > 0)
          .map((part) => ({ text: part, confidence: null })),
      ),
    )
    .filter((line) => line.words.length > 0);
}
