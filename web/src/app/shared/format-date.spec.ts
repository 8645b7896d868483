import { FormatDatePipe, formatDate } from './format-date';

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
