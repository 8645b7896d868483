import { FormatDatePipe, FormatNumberPipe, formatDate, formatNumber } from './format';

describe('formatNumber', () => {
  it('formats like DecimalPipe in en-US', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(3.14159)).toBe('3.142');
    expect(formatNumber(4.25, '1.1-1')).toBe('4.3');
    expect(formatNumber(4, '1.1-1')).toBe('4.0');
    expect(formatNumber(12.6, '1.0-0')).toBe('13');
    expect(formatNumber(7, '2.0-0')).toBe('07');
    expect(formatNumber(0)).toBe('0');
  });

  it('shows nothing for a missing number', () => {
    expect(formatNumber(null)).toBe('');
    expect(formatNumber(undefined)).toBe('');
    expect(formatNumber(Number.NaN)).toBe('');
  });

  it('rejects a malformed digits spec', () => {
    expect(() => formatNumber(1, '1-2')).toThrow('Invalid digits');
  });

  it('is the rrNumber pipe', () => {
    expect(new FormatNumberPipe().transform(2345.678, '1.1-1')).toBe('2,345.7');
  });
});

describe('formatDate', () => {
  // Local time, as the pipes show it.
  const date = new Date(2015, 5, 15, 9, 3, 1);

  it('has the formats the pages use', () => {
    expect(formatDate(date, 'mediumDate')).toBe('Jun 15, 2015');
    expect(formatDate(date, 'mediumTime')).toBe('9:03:01 AM');
    expect(formatDate(date, 'dateTime')).toBe('Jun 15, 2015, 09:03');
    expect(formatDate(new Date(2015, 5, 15, 21, 3), 'dateTime')).toBe('Jun 15, 2015, 21:03');
  });

  it('reads ISO strings and epoch milliseconds', () => {
    expect(formatDate(date.toISOString(), 'dateTime')).toBe('Jun 15, 2015, 09:03');
    expect(formatDate(date.getTime(), 'mediumDate')).toBe('Jun 15, 2015');
  });

  it('shows nothing for a missing or invalid date', () => {
    expect(formatDate(null, 'mediumDate')).toBe('');
    expect(formatDate('', 'mediumDate')).toBe('');
    expect(formatDate('not a date', 'mediumDate')).toBe('');
  });

  it('is the rrDate pipe', () => {
    expect(new FormatDatePipe().transform(date, 'mediumDate')).toBe('Jun 15, 2015');
  });
});
