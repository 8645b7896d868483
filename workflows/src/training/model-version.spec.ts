import { modelVersionDate, modelVersionFromDate, modelVersionProblem, retrainWorkflowId } from './model-version';

describe('model version ids', () => {
  it('derives the version from a UTC time at second resolution', () => {
    expect(modelVersionFromDate(new Date('2026-11-25T07:15:00.999Z'))).toBe('m20261125-071500');
    expect(modelVersionFromDate(Date.UTC(2027, 0, 2, 3, 4, 5))).toBe('m20270102-030405');
    expect(modelVersionFromDate(new Date('2026-11-25T07:15:00Z'), 2)).toBe('m20261125-071500-2');
    expect(modelVersionFromDate(new Date('2026-11-25T07:15:00Z'), 1)).toBe('m20261125-071500');
  });

  it('reads the time back from a generated id', () => {
    expect(modelVersionDate('m20261125-071500')?.toISOString()).toBe('2026-11-25T07:15:00.000Z');
    expect(modelVersionDate('m20261125-071500-3')?.toISOString()).toBe('2026-11-25T07:15:00.000Z');
    expect(modelVersionDate('m20261331-071500')).toBeUndefined();
    expect(modelVersionDate('custom')).toBeUndefined();
  });

  it('sorts chronologically as text', () => {
    const ids = ['2026-11-25T07:15:00Z', '2026-11-25T07:15:01Z', '2026-12-01T00:00:00Z', '2027-01-01T00:00:00Z'].map((t) =>
      modelVersionFromDate(new Date(t)),
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('accepts ids safe for S3 keys and workflow ids only', () => {
    expect(modelVersionProblem('m20261125-071500')).toBeUndefined();
    expect(modelVersionProblem('test.v1_a-b')).toBeUndefined();
    for (const bad of ['', '-x', 'a/b', 'a..b', 'a b', 'x'.repeat(65)]) expect(modelVersionProblem(bad)).toMatch(/must be 1-64 characters/);
  });

  it('names the workflow after the version', () => {
    expect(retrainWorkflowId('m20261125-071500')).toBe('retrain-m20261125-071500');
  });

  it('rejects an invalid date', () => {
    expect(() => modelVersionFromDate(new Date('nope'))).toThrow(RangeError);
  });
});
