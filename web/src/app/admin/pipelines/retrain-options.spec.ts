import { FormControl } from '@angular/forms';
import {
  COUNT_RULE,
  EMPTY_RETRAIN_OPTIONS,
  FINALISTS_RULE,
  FOLDS_RULE,
  QUICK_RETRAIN_OPTIONS,
  WEIGHT_RULE,
  listFieldValidator,
  modelVersionValidator,
  numberFieldValidator,
  parseListField,
  parseModelVersion,
  parseNumberField,
  retrainInput,
} from './retrain-options';

describe('retrain options', () => {
  describe('parseListField', () => {
    it('reads comma-separated values, ignoring blanks around them and empty items', () => {
      expect(parseListField(' 10, 20 ,30,', COUNT_RULE)).toEqual({ ok: true, value: [10, 20, 30] });
      expect(parseListField('0.06, 0.1, 1e2, .5', WEIGHT_RULE)).toEqual({ ok: true, value: [0.06, 0.1, 100, 0.5] });
    });

    it('leaves a blank field at the default', () => {
      expect(parseListField('', COUNT_RULE)).toEqual({ ok: true, value: undefined });
      expect(parseListField(' , ', COUNT_RULE)).toEqual({ ok: true, value: undefined });
    });

    it('accepts the bounds and rejects what the API rejects', () => {
      expect(parseListField('1, 500', COUNT_RULE)).toEqual({ ok: true, value: [1, 500] });
      expect(parseListField('0, 1000000', WEIGHT_RULE)).toEqual({ ok: true, value: [0, 1_000_000] });
      for (const [text, rule] of [
        ['0', COUNT_RULE],
        ['501', COUNT_RULE],
        ['2.5', COUNT_RULE],
        ['-0.1', WEIGHT_RULE],
        ['1000001', WEIGHT_RULE],
        ['10 20', COUNT_RULE],
        ['ten', COUNT_RULE],
        ['0x10', COUNT_RULE],
        ['Infinity', WEIGHT_RULE],
      ] as const) {
        expect(parseListField(text, rule), text).toMatchObject({ ok: false });
      }
    });

    it('says which value is wrong and what is allowed', () => {
      expect(parseListField('10, 600', COUNT_RULE)).toEqual({
        ok: false,
        error: '“600” is not a whole number from 1 to 500. Use a whole number from 1 to 500 for each value, separated by commas.',
      });
      expect(parseListField('0.1, x', WEIGHT_RULE)).toEqual({
        ok: false,
        error: '“x” is not a number. Use a number from 0 to 1,000,000 for each value, separated by commas.',
      });
    });

    it('takes at most 20 values', () => {
      const values = Array.from({ length: 21 }, (_, i) => i + 1);
      expect(parseListField(values.slice(0, 20).join(','), COUNT_RULE)).toEqual({ ok: true, value: values.slice(0, 20) });
      expect(parseListField(values.join(','), COUNT_RULE)).toEqual({ ok: false, error: 'Enter at most 20 values.' });
    });
  });

  describe('parseNumberField', () => {
    it('reads folds 2–20 and finalists 1–100, blank for the default', () => {
      expect(parseNumberField(' 2 ', FOLDS_RULE)).toEqual({ ok: true, value: 2 });
      expect(parseNumberField('20', FOLDS_RULE)).toEqual({ ok: true, value: 20 });
      expect(parseNumberField('', FOLDS_RULE)).toEqual({ ok: true, value: undefined });
      expect(parseNumberField('1', FOLDS_RULE)).toEqual({ ok: false, error: 'Enter a whole number from 2 to 20.' });
      expect(parseNumberField('21', FOLDS_RULE)).toMatchObject({ ok: false });
      expect(parseNumberField('2.5', FOLDS_RULE)).toMatchObject({ ok: false });
      expect(parseNumberField('2, 3', FOLDS_RULE)).toMatchObject({ ok: false });
      expect(parseNumberField('100', FINALISTS_RULE)).toEqual({ ok: true, value: 100 });
      expect(parseNumberField('101', FINALISTS_RULE)).toEqual({ ok: false, error: 'Enter a whole number from 1 to 100.' });
      expect(parseNumberField('0', FINALISTS_RULE)).toMatchObject({ ok: false });
    });
  });

  describe('parseModelVersion', () => {
    it('accepts ids the API accepts and trims them', () => {
      expect(parseModelVersion(' demo-1.2_b ')).toEqual({ ok: true, value: 'demo-1.2_b' });
      expect(parseModelVersion('a'.repeat(64))).toEqual({ ok: true, value: 'a'.repeat(64) });
      expect(parseModelVersion('')).toEqual({ ok: true, value: undefined });
    });

    it('rejects ids that could not name a model', () => {
      for (const version of ['-demo', '.demo', 'a..b', 'a/b', 'a b', 'a'.repeat(65), 'm✓']) {
        expect(parseModelVersion(version), version).toMatchObject({ ok: false });
      }
    });
  });

  it('validators put the sentence under errors.invalid', () => {
    expect(listFieldValidator(COUNT_RULE)(new FormControl('10, 0'))).toEqual({
      invalid: expect.stringContaining('“0” is not a whole number from 1 to 500.'),
    });
    expect(listFieldValidator(COUNT_RULE)(new FormControl('10'))).toBeNull();
    expect(numberFieldValidator(FOLDS_RULE)(new FormControl(null))).toBeNull();
    expect(numberFieldValidator(FOLDS_RULE)(new FormControl('30'))).toEqual({ invalid: 'Enter a whole number from 2 to 20.' });
    expect(modelVersionValidator(new FormControl('../x'))).toEqual({ invalid: expect.stringContaining('letters, digits') });
  });

  describe('retrainInput', () => {
    it('sends only force when every option is at its default', () => {
      expect(retrainInput(false, EMPTY_RETRAIN_OPTIONS)).toEqual({ force: false });
      expect(retrainInput(true, EMPTY_RETRAIN_OPTIONS)).toEqual({ force: true });
    });

    it('sends the quick preset as small grids', () => {
      expect(retrainInput(true, QUICK_RETRAIN_OPTIONS)).toEqual({
        force: true,
        folds: 2,
        finalists: 1,
        explicitGrid: { ranks: [10], lambdas: [0.08], iterations: [5] },
        implicitGrid: { ranks: [8], lambdas: [2], alphas: [4], iterations: [5] },
      });
    });

    it('leaves out the grids and fields that keep their defaults', () => {
      expect(retrainInput(false, { ...EMPTY_RETRAIN_OPTIONS, modelVersion: ' demo ', implicitAlphas: '1, 40', explicitRanks: '' })).toEqual(
        { force: false, modelVersion: 'demo', implicitGrid: { alphas: [1, 40] } },
      );
    });

    it('refuses values that did not pass validation', () => {
      expect(() => retrainInput(false, { ...EMPTY_RETRAIN_OPTIONS, folds: '1' })).toThrow('Enter a whole number from 2 to 20.');
    });
  });
});
