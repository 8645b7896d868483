import { FormatNumberPipe, formatNumber } from './format-number';

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
