import { ApiMetrics } from './api-metrics';

describe('ApiMetrics.operationLabel', () => {
  it('keeps operation names, names anonymous operations, and collapses malformed and excess names into other', () => {
    const metrics = new ApiMetrics();
    expect(metrics.operationLabel('Genres')).toBe('Genres');
    expect(metrics.operationLabel(undefined)).toBe('anonymous');
    expect(metrics.operationLabel(null)).toBe('anonymous');
    expect(metrics.operationLabel('x'.repeat(65))).toBe('other');
    expect(metrics.operationLabel('Bad-Name')).toBe('other');
    for (let i = 0; i < 300; i++) metrics.operationLabel(`Op${i}`);
    expect(metrics.operationLabel('Op0')).toBe('Op0');
    expect(metrics.operationLabel('Op250')).toBe('other');
    expect(metrics.operationLabel('Genres')).toBe('Genres');
  });
});
