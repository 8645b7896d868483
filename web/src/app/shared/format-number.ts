import { Pipe, type PipeTransform } from '@angular/core';

/**
 * Number formatting with the browser's Intl, in en-US like the rest of the app. Used instead of
 * Angular's DecimalPipe: it carries its own formatting code and locale data, and as
 * @angular/common keeps it in a file the initial bundle needs, every page paid for it on its first
 * load. Dates: `format-date.ts` (a module of its own, so that pages showing only numbers, like
 * the home page, do not load it).
 */
const LOCALE = 'en-US';

const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * `value` as DecimalPipe would show it: `digits` is its digitsInfo, "minInteger.minFraction-maxFraction"
 * (default "1.0-3"), with grouping separators. "" for null or a non-finite number.
 */
export function formatNumber(value: number | null | undefined, digits = '1.0-3'): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '';
  let format = numberFormats.get(digits);
  if (!format) {
    const match = /^(\d+)\.(\d+)-(\d+)$/.exec(digits);
    if (!match) throw new Error(`Invalid digits "${digits}": use "minInteger.minFraction-maxFraction"`);
    const [, minimumIntegerDigits, minimumFractionDigits, maximumFractionDigits] = match.map(Number);
    format = new Intl.NumberFormat(LOCALE, { minimumIntegerDigits, minimumFractionDigits, maximumFractionDigits });
    numberFormats.set(digits, format);
  }
  return format.format(value);
}

/** `{{ count | rrNumber }}`, `{{ average | rrNumber: '1.1-1' }}` (digitsInfo as DecimalPipe's). */
@Pipe({ name: 'rrNumber' })
export class FormatNumberPipe implements PipeTransform {
  transform(value: number | null | undefined, digits?: string): string {
    return formatNumber(value, digits);
  }
}
