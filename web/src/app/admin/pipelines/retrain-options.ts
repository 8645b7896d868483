import type { AbstractControl, ValidatorFn } from '@angular/forms';
import type { ExplicitGridInput, ImplicitGridInput, RetrainModelInput } from '../../graphql/generated';

/**
 * The retrain's advanced options as the page edits them (text fields; blank = the API's default)
 * and as `retrainModel(input:)` takes them. The limits mirror the API's validation of
 * RetrainModelInput (api/src/pipelines/dto/pipelines.args.ts) and the workflow's
 * (resolveRetrainOptions), so a bad value is caught at its field before anything is sent.
 */
export interface RetrainOptionsValue {
  readonly folds: string;
  readonly finalists: string;
  readonly modelVersion: string;
  readonly explicitRanks: string;
  readonly explicitLambdas: string;
  readonly explicitIterations: string;
  readonly implicitRanks: string;
  readonly implicitLambdas: string;
  readonly implicitAlphas: string;
  readonly implicitIterations: string;
}

export const EMPTY_RETRAIN_OPTIONS: RetrainOptionsValue = {
  folds: '',
  finalists: '',
  modelVersion: '',
  explicitRanks: '',
  explicitLambdas: '',
  explicitIterations: '',
  implicitRanks: '',
  implicitLambdas: '',
  implicitAlphas: '',
  implicitIterations: '',
};

/**
 * "Quick retrain": one configuration per model, two folds and few iterations. Trains in well under
 * a minute on ml-latest-small (demos, tests) instead of the default grid's minutes.
 */
export const QUICK_RETRAIN_OPTIONS: RetrainOptionsValue = {
  ...EMPTY_RETRAIN_OPTIONS,
  folds: '2',
  finalists: '1',
  explicitRanks: '10',
  explicitLambdas: '0.08',
  explicitIterations: '5',
  implicitRanks: '8',
  implicitLambdas: '2',
  implicitAlphas: '4',
  implicitIterations: '5',
};

/** The hyperparameter grids of the advanced options, a fieldset per model. */
export const GRID_FIELDSETS: readonly {
  readonly legend: string;
  readonly fields: readonly { readonly name: keyof RetrainOptionsValue; readonly label: string; readonly hint: string }[];
}[] = [
  {
    legend: 'Explicit model (ratings)',
    fields: [
      { name: 'explicitRanks', label: 'Ranks', hint: 'Whole numbers 1–500' },
      { name: 'explicitLambdas', label: 'Lambdas', hint: 'Numbers ≥ 0' },
      { name: 'explicitIterations', label: 'Iterations', hint: 'Whole numbers 1–500' },
    ],
  },
  {
    legend: 'Implicit model (ranking)',
    fields: [
      { name: 'implicitRanks', label: 'Ranks', hint: 'Whole numbers 1–500' },
      { name: 'implicitLambdas', label: 'Lambdas', hint: 'Numbers ≥ 0' },
      { name: 'implicitAlphas', label: 'Alphas', hint: 'Numbers ≥ 0' },
      { name: 'implicitIterations', label: 'Iterations', hint: 'Whole numbers 1–500' },
    ],
  },
];

/** A whole number or a list of numbers, with the API's bounds. */
export interface NumberRule {
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
}

/** Ranks and iteration checkpoints: whole numbers 1–500. */
export const COUNT_RULE: NumberRule = { integer: true, min: 1, max: 500 };
/** Regularisation and confidence weights: numbers 0–1,000,000. */
export const WEIGHT_RULE: NumberRule = { integer: false, min: 0, max: 1_000_000 };
export const FOLDS_RULE: NumberRule = { integer: true, min: 2, max: 20 };
export const FINALISTS_RULE: NumberRule = { integer: true, min: 1, max: 100 };
/** Most values a grid list may hold. */
export const MAX_LIST_VALUES = 20;
/** A model version id: it becomes part of object-storage keys and workflow ids. */
export const MODEL_VERSION_PATTERN = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function ruleText({ integer, min, max }: NumberRule): string {
  return `${integer ? 'a whole number' : 'a number'} from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
}

/** The number in `text`, or a sentence saying what is wrong with it. */
function parseNumber(text: string, rule: NumberRule): number | string {
  const value = NUMBER_TEXT.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) return `“${text}” is not a number.`;
  if ((rule.integer && !Number.isInteger(value)) || value < rule.min || value > rule.max) return `“${text}” is not ${ruleText(rule)}.`;
  return value;
}

export type Parsed<T> = { readonly ok: true; readonly value: T | undefined } | { readonly ok: false; readonly error: string };

/** A single number field; blank means "the default" (undefined). */
export function parseNumberField(text: string, rule: NumberRule): Parsed<number> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: undefined };
  const value = parseNumber(trimmed, rule);
  return typeof value === 'number' ? { ok: true, value } : { ok: false, error: `Enter ${ruleText(rule)}.` };
}

/** A comma-separated list ("10, 20"); blank means "the default" (undefined). */
export function parseListField(text: string, rule: NumberRule): Parsed<number[]> {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (!items.length) return { ok: true, value: undefined };
  if (items.length > MAX_LIST_VALUES) return { ok: false, error: `Enter at most ${MAX_LIST_VALUES} values.` };
  const values: number[] = [];
  for (const item of items) {
    const value = parseNumber(item, rule);
    if (typeof value === 'string') return { ok: false, error: `${value} Use ${ruleText(rule)} for each value, separated by commas.` };
    values.push(value);
  }
  return { ok: true, value: values };
}

export function parseModelVersion(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: undefined };
  return MODEL_VERSION_PATTERN.test(trimmed)
    ? { ok: true, value: trimmed }
    : { ok: false, error: 'Use 1–64 letters, digits, “.”, “_” or “-”, starting with a letter or digit.' };
}

/** Validators that put the parser's sentence under `errors.invalid`, for the field's mat-error. */
const validator =
  (parse: (text: string) => Parsed<unknown>): ValidatorFn =>
  (control: AbstractControl<string | null>) => {
    const parsed = parse(control.value ?? '');
    return parsed.ok ? null : { invalid: parsed.error };
  };

export const numberFieldValidator = (rule: NumberRule) => validator((text) => parseNumberField(text, rule));
export const listFieldValidator = (rule: NumberRule) => validator((text) => parseListField(text, rule));
export const modelVersionValidator = validator(parseModelVersion);

/** The parsed value of a field that passed its validator. */
function valueOf<T>(parsed: Parsed<T>): T | undefined {
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/** Drops the fields left at their default; undefined when none is set. */
function grid<T extends object>(fields: T): T | undefined {
  const set = Object.entries(fields).filter(([, value]) => value !== undefined);
  return set.length ? (Object.fromEntries(set) as T) : undefined;
}

/**
 * The `retrainModel` input for `force` and the advanced options: only what differs from the
 * defaults is sent. Throws on a value that does not pass the fields' validators.
 */
export function retrainInput(force: boolean, options: RetrainOptionsValue): RetrainModelInput {
  const explicitGrid = grid<ExplicitGridInput>({
    ranks: valueOf(parseListField(options.explicitRanks, COUNT_RULE)),
    lambdas: valueOf(parseListField(options.explicitLambdas, WEIGHT_RULE)),
    iterations: valueOf(parseListField(options.explicitIterations, COUNT_RULE)),
  });
  const implicitGrid = grid<ImplicitGridInput>({
    ranks: valueOf(parseListField(options.implicitRanks, COUNT_RULE)),
    lambdas: valueOf(parseListField(options.implicitLambdas, WEIGHT_RULE)),
    alphas: valueOf(parseListField(options.implicitAlphas, WEIGHT_RULE)),
    iterations: valueOf(parseListField(options.implicitIterations, COUNT_RULE)),
  });
  const folds = valueOf(parseNumberField(options.folds, FOLDS_RULE));
  const finalists = valueOf(parseNumberField(options.finalists, FINALISTS_RULE));
  const modelVersion = valueOf(parseModelVersion(options.modelVersion));
  return {
    force,
    ...(modelVersion !== undefined ? { modelVersion } : {}),
    ...(folds !== undefined ? { folds } : {}),
    ...(finalists !== undefined ? { finalists } : {}),
    ...(explicitGrid ? { explicitGrid } : {}),
    ...(implicitGrid ? { implicitGrid } : {}),
  };
}
