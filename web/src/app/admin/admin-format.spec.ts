import { formatBytes, formatCount, formatMetric, formatSeconds } from './admin-format';

describe('admin formats', () => {
  it('formats metrics with fixed digits, unknown as a dash', () => {
    expect(formatMetric(0.861234)).toBe('0.8612');
    expect(formatMetric(0.5, 2)).toBe('0.50');
    expect(formatMetric(null)).toBe('—');
    expect(formatMetric(Number.NaN)).toBe('—');
  });

  it('formats durations from seconds to hours', () => {
    expect(formatSeconds(4.24)).toBe('4.2 s');
    expect(formatSeconds(45.4)).toBe('45 s');
    expect(formatSeconds(59.7)).toBe('1 min 0 s');
    expect(formatSeconds(192)).toBe('3 min 12 s');
    expect(formatSeconds(3840)).toBe('1 h 4 min');
    expect(formatSeconds(-1)).toBe('—');
    expect(formatSeconds(undefined)).toBe('—');
  });

  it('groups counts', () => {
    expect(formatCount(100836)).toBe('100,836');
    expect(formatCount(null)).toBe('—');
  });

  it('formats sizes', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(2_382_886)).toBe('2.4 MB');
    expect(formatBytes(690_000_000_000)).toBe('690.0 GB');
  });
});
