import { z } from 'zod';

/**
 * A decimal given as a JSON number or a string, kept as a string so no float ever touches it. Accepts at
 * most `integerDigits` digits before and `scale` after the point, never negative (zero only when not
 * `positive`).
 */
export function zDecimalString(options: {
  scale: number;
  integerDigits: number;
  positive: boolean;
  description: string;
  example: string;
}) {
  const pattern = new RegExp(`^\\d{1,${options.integerDigits}}(\\.\\d{1,${options.scale}})?$`);
  return z
    .union([z.number(), z.string()])
    .transform((value) => (typeof value === 'number' ? String(value) : value.trim()))
    .pipe(
      z
        .string()
        .regex(
          pattern,
          `A decimal ${options.positive ? '>' : '≥'} 0 with at most ${options.integerDigits} digits before and ${options.scale} after the point`,
        )
        // A pattern test, not dec(): zod runs this refine even when the regex failed ("två").
        .refine((value) => !options.positive || !/^0+(\.0+)?$/.test(value), 'Must be greater than 0'),
    )
    .meta({ description: options.description, example: options.example });
}
