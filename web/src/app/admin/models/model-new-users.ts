import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { NewUserEvaluationFieldsFragment, NewUserFiguresFieldsFragment } from '../../graphql/generated';
import { formatCount, formatMetric } from '../admin-format';

type Figures = NewUserFiguresFieldsFragment;
type FigureKey = Exclude<keyof Figures, 'users' | '__typename'>;

export interface NewUserColumn {
  readonly key: 'product' | 'activeModel' | 'popularity' | 'explicitByPrediction';
  readonly label: string;
  /** A second line under the label. */
  readonly note: string | null;
  readonly figures: Figures;
}

export interface NewUserRow {
  readonly key: FigureKey;
  readonly label: string;
  readonly hint: string;
  /** One cell per column; `best` marks the best value of a row that has a better direction. */
  readonly cells: readonly { readonly column: NewUserColumn['key']; readonly text: string; readonly best: boolean }[];
}

type Evaluation = NewUserEvaluationFieldsFragment;

const ROWS: readonly {
  key: FigureKey;
  label: (e: Evaluation) => string;
  hint: (e: Evaluation) => string;
  better: 'higher' | 'lower' | null;
}[] = [
  {
    key: 'likedPrecisionAtK',
    label: (e) => `Liked-P@${e.k}`,
    hint: (e) => `share of the list the user rated ${e.likedMin}★ or more later (higher is better)`,
    better: 'higher',
  },
  { key: 'likedNdcgAtK', label: (e) => `Liked-NDCG@${e.k}`, hint: () => 'the same, rewarding liked movies near the top', better: 'higher' },
  {
    key: 'dislikedShare',
    label: () => 'Disliked share',
    hint: (e) => `share of the list the user rated ${e.dislikedMax}★ or less later (lower is better)`,
    better: 'lower',
  },
  {
    key: 'blockbusterShare',
    label: () => 'Blockbuster share',
    hint: () => 'share of the list among the 2 % most-rated movies',
    better: null,
  },
  { key: 'coverage', label: () => 'Coverage', hint: () => 'distinct movies in all lists / movies with ratings', better: null },
];

/** The columns of the table: this model, the model it was compared with (when re-evaluated), then the baselines. */
export function newUserColumns(evaluation: Evaluation, version: string): NewUserColumn[] {
  const columns: NewUserColumn[] = [{ key: 'product', label: 'This model', note: version, figures: evaluation.product }];
  if (evaluation.activeModel && evaluation.activeModelVersion !== version) {
    columns.push({
      key: 'activeModel',
      label: 'Active model',
      note: evaluation.activeModelVersion ? `${evaluation.activeModelVersion}, re-evaluated` : 're-evaluated',
      figures: evaluation.activeModel,
    });
  }
  columns.push(
    { key: 'popularity', label: 'Popularity', note: 'most-rated first', figures: evaluation.popularity },
    { key: 'explicitByPrediction', label: 'Predicted rating', note: 'explicit model', figures: evaluation.explicitByPrediction },
  );
  return columns;
}

/** One row per figure, the columns' values formatted, the best marked where higher or lower is better. */
export function newUserRows(evaluation: Evaluation, columns: readonly NewUserColumn[]): NewUserRow[] {
  return ROWS.map(({ key, label, hint, better }) => {
    const values = columns.map((column) => column.figures[key]);
    const best = better === 'higher' ? Math.max(...values) : better === 'lower' ? Math.min(...values) : null;
    return {
      key,
      label: label(evaluation),
      hint: hint(evaluation),
      cells: columns.map((column, i) => ({ column: column.key, text: formatMetric(values[i]), best: best !== null && values[i] === best })),
    };
  });
}

/**
 * The new-user figures of a model version (the retrain's new-user protocol): the product's "for you"
 * ranking next to the model it was compared with for promotion and the two baselines, as a table.
 * Versions trained before the protocol, or on too few users, show "Not available".
 */
@Component({
  selector: 'rr-model-new-users',
  templateUrl: './model-new-users.html',
  styleUrl: './model-new-users.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ModelNewUsers {
  readonly evaluation = input<NewUserEvaluationFieldsFragment | null | undefined>(null);
  readonly version = input.required<string>();

  protected readonly count = formatCount;
  protected readonly columns = computed(() => {
    const evaluation = this.evaluation();
    return evaluation ? newUserColumns(evaluation, this.version()) : [];
  });
  protected readonly rows = computed(() => {
    const evaluation = this.evaluation();
    return evaluation ? newUserRows(evaluation, this.columns()) : [];
  });
}
