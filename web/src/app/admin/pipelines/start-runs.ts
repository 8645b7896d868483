import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, output, signal, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators, type AbstractControl, type ValidationErrors } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom, type Observable } from 'rxjs';
import {
  RetrainModelGQL,
  StartEnrichmentGQL,
  StartImportGQL,
  StartPipelineGQL,
  type PipelineRunFieldsFragment,
} from '../../graphql/generated';
import { Icon } from '../../icon/icon';
import { apiError, errorMessage } from '../../shared/api-error';
import { DATASET_VERSION_PATTERN, DEFAULT_DATASET_VERSION } from './pipeline-runs';
import {
  COUNT_RULE,
  EMPTY_RETRAIN_OPTIONS,
  FINALISTS_RULE,
  FOLDS_RULE,
  GRID_FIELDSETS,
  QUICK_RETRAIN_OPTIONS,
  WEIGHT_RULE,
  listFieldValidator,
  modelVersionValidator,
  numberFieldValidator,
  retrainInput,
  type RetrainOptionsValue,
} from './retrain-options';

export type StartKind = 'import' | 'enrichment' | 'pipeline' | 'retrain';

const KIND_NAMES: Readonly<Record<StartKind, string>> = {
  import: 'import',
  enrichment: 'enrichment',
  pipeline: 'full pipeline',
  retrain: 'retrain',
};

/** A dataset version as the API accepts it, ignoring surrounding blanks (pasted text). */
export function datasetVersionValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = (control.value ?? '').trim();
  return !value || DATASET_VERSION_PATTERN.test(value) ? null : { pattern: true };
}

export interface StartError {
  readonly kind: StartKind;
  readonly title: string;
  readonly message: string;
}

/** The message to show for a start that failed; a CONFLICT (already running) in plain words. */
export function startError(kind: StartKind, error: unknown): StartError {
  const { code, message } = apiError(error);
  const name = KIND_NAMES[kind];
  if (code === 'CONFLICT') {
    const workflowId = /Workflow (\S+) is already running/.exec(message)?.[1];
    return {
      kind,
      title: `The ${name} is already running`,
      message: workflowId ? `Workflow ${workflowId} is still running. Wait for it to finish, or cancel it in the list below.` : message,
    };
  }
  if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED') {
    return { kind, title: `Couldn't start the ${name}`, message: 'Only admins can start runs. Log in again as an admin.' };
  }
  return { kind, title: `Couldn't start the ${name}`, message: errorMessage(error) };
}

/**
 * "Start a run": import, enrichment or the full pipeline of a dataset version, and a retrain
 * (optionally forcing the promotion, with "Advanced options": cross-validation folds, finalists,
 * the model version and the tuning grids, and a "Quick retrain" preset). Emits the started run;
 * shows invalid options at their fields before sending, and failures (CONFLICT while the same
 * workflow runs) in an alert.
 */
@Component({
  selector: 'rr-start-runs',
  imports: [ReactiveFormsModule, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, Icon],
  templateUrl: './start-runs.html',
  styleUrl: './start-runs.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartRuns {
  /** A run was started. */
  readonly started = output<PipelineRunFieldsFragment>();

  private readonly startImport = inject(StartImportGQL);
  private readonly startEnrichment = inject(StartEnrichmentGQL);
  private readonly startPipeline = inject(StartPipelineGQL);
  private readonly retrainModel = inject(RetrainModelGQL);

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
  private readonly fb = inject(NonNullableFormBuilder);
  protected readonly form = this.fb.group({
    datasetVersion: [DEFAULT_DATASET_VERSION, [Validators.required, datasetVersionValidator]],
    force: [false],
    options: this.fb.group({
      folds: ['', numberFieldValidator(FOLDS_RULE)],
      finalists: ['', numberFieldValidator(FINALISTS_RULE)],
      modelVersion: ['', modelVersionValidator],
      explicitRanks: ['', listFieldValidator(COUNT_RULE)],
      explicitLambdas: ['', listFieldValidator(WEIGHT_RULE)],
      explicitIterations: ['', listFieldValidator(COUNT_RULE)],
      implicitRanks: ['', listFieldValidator(COUNT_RULE)],
      implicitLambdas: ['', listFieldValidator(WEIGHT_RULE)],
      implicitAlphas: ['', listFieldValidator(WEIGHT_RULE)],
      implicitIterations: ['', listFieldValidator(COUNT_RULE)],
    }),
  });
  private readonly advanced = viewChild.required<ElementRef<HTMLDetailsElement>>('advanced');
  private readonly optionsValue = toSignal(this.form.controls.options.valueChanges, {
    initialValue: this.form.controls.options.getRawValue(),
  });
  /** Some advanced option differs from the defaults (shown beside the closed disclosure). */
  protected readonly customized = computed(() => Object.values(this.optionsValue()).some((value) => !!value?.trim()));
  protected readonly pending = signal<StartKind | null>(null);
  protected readonly error = signal<StartError | null>(null);
  /** Polite status for screen readers: "Starting the import…", "Started import-ml-latest-small." */
  protected readonly status = signal('');
  protected readonly names = KIND_NAMES;
  protected readonly gridFieldsets = GRID_FIELDSETS;

  protected async start(kind: StartKind): Promise<void> {
    if (this.pending()) return;
    this.error.set(null);
    const version = this.form.controls.datasetVersion;
    if (kind !== 'retrain' && version.invalid) {
      version.markAsTouched();
      return;
    }
    const options = this.form.controls.options;
    if (kind === 'retrain' && options.invalid) {
      options.markAllAsTouched();
      this.revealInvalidOption();
      return;
    }
    const datasetVersion = version.value.trim();
    this.pending.set(kind);
    this.status.set(`Starting the ${KIND_NAMES[kind]}…`);
    try {
      const run = await this.mutate(kind, datasetVersion);
      this.status.set(`Started ${run.workflowId}.`);
      this.started.emit(run);
    } catch (error) {
      this.status.set('');
      this.error.set(startError(kind, error));
    } finally {
      this.pending.set(null);
    }
  }

  private async mutate(kind: StartKind, datasetVersion: string): Promise<PipelineRunFieldsFragment> {
    const once = async <T>(result: Observable<{ data?: T | null }>, pick: (data: T) => PipelineRunFieldsFragment) => {
      const { data } = await firstValueFrom(result);
      if (!data) throw new Error('No data');
      return pick(data);
    };
    switch (kind) {
      case 'import':
        return once(this.startImport.mutate({ variables: { datasetVersion } }), (data) => data.startImport);
      case 'enrichment':
        return once(this.startEnrichment.mutate({ variables: { datasetVersion } }), (data) => data.startEnrichment);
      case 'pipeline':
        return once(this.startPipeline.mutate({ variables: { datasetVersion } }), (data) => data.startPipeline);
      case 'retrain':
        return once(
          this.retrainModel.mutate({
            variables: { input: retrainInput(this.form.controls.force.value, this.form.controls.options.getRawValue()) },
          }),
          (data) => data.retrainModel,
        );
    }
  }

  /** What is wrong with an advanced option (its mat-error shows once the field was touched). */
  protected optionError(name: keyof RetrainOptionsValue): string {
    return (this.form.controls.options.controls[name].errors?.['invalid'] as string | undefined) ?? '';
  }

  /** "Quick retrain": small grids and two folds (demos, tests). */
  protected quickRetrain(): void {
    this.setOptions(QUICK_RETRAIN_OPTIONS);
  }

  /** Back to the API's defaults (every field blank). */
  protected useDefaults(): void {
    this.setOptions(EMPTY_RETRAIN_OPTIONS);
  }

  private setOptions(value: RetrainOptionsValue): void {
    const options = this.form.controls.options;
    options.setValue({ ...value });
    options.markAsUntouched();
  }

  /** Opens the advanced options and focuses the first invalid field (its error is described). */
  private revealInvalidOption(): void {
    this.advanced().nativeElement.open = true;
    this.host.querySelector<HTMLInputElement>('.advanced input.ng-invalid')?.focus();
  }
}
