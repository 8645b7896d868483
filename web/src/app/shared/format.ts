import { Pipe, type PipeTransform } from '@angular/core';

/**
 * Number and date formatting with the browser's Intl, in en-US like the rest of the app. Used
 * instead of Angular's DecimalPipe and DatePipe: those carry their own formatting code and locale
 * data, and as @angular/common keeps them in a file the initial bundle needs, every page paid for
 * them on its first load.
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

/** The date formats the app shows (examples for 15 June 2015, 9:03:01 local time). */
const DATE_FORMATS = {
  /** "Jun 15, 2015" */
  mediumDate: { dateStyle: 'medium' },
  /** "9:03:01 AM" */
  mediumTime: { timeStyle: 'medium' },
  /** "Jun 15, 2015, 09:03" */
  dateTime: { month: 'short', day: 'numeric', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

export type DateFormat = keyof typeof DATE_FORMATS;

const dateFormats = new Map<DateFormat, Intl.DateTimeFormat>();

/** A date (ISO string, epoch ms or Date) in local time; "" for null or an invalid date. */
export function formatDate(value: string | number | Date | null | undefined, format: DateFormat): string {
  if (value === null || value === undefined || value === '') return '';
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  let formatter = dateFormats.get(format);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(LOCALE, DATE_FORMATS[format]);
    dateFormats.set(format, formatter);
  }
  // Newer ICU puts a narrow no-break space before AM/PM; a plain space reads the same everywhere.
  return formatter.format(date).replace(/\u202f/g, ' ');
}

/** `{{ count | rrNumber }}`, `{{ average | rrNumber: '1.1-1' }}` (digitsInfo as DecimalPipe's). */
@Pipe({ name: 'rrNumber' })
export class FormatNumberPipe implements PipeTransform {
  transform(value: number | null | undefined, digits?: string): string {
    return formatNumber(value, digits);
  }
}

/** `{{ run.startedAt | rrDate: 'dateTime' }}`; see DATE_FORMATS. */
@Pipe({ name: 'rrDate' })
export class FormatDatePipe implements PipeTransform {
  transform(value: string | number | Date | null | undefined, format: DateFormat): string {
    return formatDate(value, format);
  }
}
