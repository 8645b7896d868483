import { Pipe, type PipeTransform } from '@angular/core';

/**
 * Date formatting with the browser's Intl, in en-US like the rest of the app, instead of Angular's
 * DatePipe (see `format-number.ts`).
 */
const LOCALE = 'en-US';

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

/** `{{ run.startedAt | rrDate: 'dateTime' }}`; see DATE_FORMATS. */
@Pipe({ name: 'rrDate' })
export class FormatDatePipe implements PipeTransform {
  transform(value: string | number | Date | null | undefined, format: DateFormat): string {
    return formatDate(value, format);
  }
}
