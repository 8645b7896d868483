import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { settle } from '../../testing/fixtures';
import { pipelineRun } from '../../testing/admin-fixtures';
import { StartRuns, startError } from './start-runs';

describe('StartRuns', () => {
  let fixture: ComponentFixture<StartRuns>;
  let apollo: ApolloTestingController;
  let started: string[];

  const el = () => fixture.nativeElement as HTMLElement;
  const button = (name: string) =>
    Array.from(el().querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === name)!;
  const versionInput = () => el().querySelector<HTMLInputElement>('input[formcontrolname="datasetVersion"]')!;
  const alert = () => el().querySelector('[data-testid="start-error"]');
  const status = () => el().querySelector('[data-testid="start-status"]')?.textContent?.trim();

  beforeEach(async () => {
    TestBed.configureTestingModule({ imports: [StartRuns, ApolloTestingModule] });
    apollo = TestBed.inject(ApolloTestingController);
    fixture = TestBed.createComponent(StartRuns);
    started = [];
    fixture.componentRef.instance.started.subscribe((run) => started.push(run.workflowId));
    await settle(fixture);
  });

  afterEach(() => apollo.verify());

  it('labels every control', () => {
    expect(el().querySelector('h2')?.textContent).toBe('Start a run');
    expect(el().querySelector('mat-label')?.textContent).toBe('Dataset version');
    expect(versionInput().value).toBe('ml-latest-small');
    for (const name of ['Start import', 'Start enrichment', 'Start full pipeline', 'Start retrain']) expect(button(name)).toBeDefined();
    expect(el().querySelector('mat-checkbox')?.textContent).toContain('Force promotion');
  });

  for (const [name, operation, field] of [
    ['Start import', 'StartImport', 'startImport'],
    ['Start enrichment', 'StartEnrichment', 'startEnrichment'],
    ['Start full pipeline', 'StartPipeline', 'startPipeline'],
  ] as const) {
    it(`${name} starts the ${operation} of the dataset version`, async () => {
      versionInput().value = ' ml-25m ';
      versionInput().dispatchEvent(new Event('input'));
      button(name).click();
      await settle(fixture);

      const op = apollo.expectOne(operation);
      expect(op.operation.variables).toEqual({ datasetVersion: 'ml-25m' });
      expect(button('Start retrain').disabled).toBe(true);
      expect(status()).toMatch(/^Starting the /);
      op.flushData({ [field]: pipelineRun(`${field}-ml-25m`, { status: 'RUNNING', closedAt: null }) });
      await settle(fixture);

      expect(started).toEqual([`${field}-ml-25m`]);
      expect(status()).toBe(`Started ${field}-ml-25m.`);
      expect(button('Start retrain').disabled).toBe(false);
    });
  }

  it('does not start with an invalid dataset version', async () => {
    versionInput().value = '../etc';
    versionInput().dispatchEvent(new Event('input'));
    button('Start import').click();
    await settle(fixture);

    apollo.expectNone('StartImport');
    expect(el().querySelector('mat-error')?.textContent).toContain('Use 1–64 letters');
    expect(started).toEqual([]);
  });

  it('Start retrain sends the force option', async () => {
    button('Start retrain').click();
    await settle(fixture);
    const first = apollo.expectOne('RetrainModel');
    expect(first.operation.variables).toEqual({ input: { force: false } });
    first.flushData({ retrainModel: pipelineRun('retrain-m1', { type: 'RETRAIN', status: 'RUNNING' }) });
    await settle(fixture);

    el().querySelector<HTMLInputElement>('mat-checkbox input')!.click();
    button('Start retrain').click();
    await settle(fixture);
    const forced = apollo.expectOne('RetrainModel');
    expect(forced.operation.variables).toEqual({ input: { force: true } });
    forced.flushData({ retrainModel: pipelineRun('retrain-m2', { type: 'RETRAIN', status: 'RUNNING' }) });
    await settle(fixture);

    expect(started).toEqual(['retrain-m1', 'retrain-m2']);
  });

  describe('advanced retrain options', () => {
    const details = () => el().querySelector<HTMLDetailsElement>('details[data-testid="retrain-options"]')!;
    // The grid fields are bound in a loop ([formControlName]); each input carries its control's name.
    const field = (name: string) => el().querySelector<HTMLInputElement>(`input[formcontrolname="${name}"], input[name="${name}"]`)!;
    const type = async (name: string, value: string) => {
      field(name).value = value;
      field(name).dispatchEvent(new Event('input'));
      field(name).dispatchEvent(new Event('blur'));
      await settle(fixture);
    };
    const fieldError = (name: string) => field(name).closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim() ?? null;
    const retrain = async () => {
      button('Start retrain').click();
      await settle(fixture);
    };

    it('are a closed disclosure in the model group, with a labelled field for every override', () => {
      const group = el().querySelector('[role="group"][aria-labelledby="model-heading"]')!;
      expect(group.contains(details())).toBe(true);
      expect(details().open).toBe(false);
      expect(details().querySelector('summary')?.textContent?.trim()).toBe('Advanced options');
      const labels = Array.from(details().querySelectorAll('mat-label'), (label) => label.textContent?.trim());
      expect(labels).toEqual([
        'Folds',
        'Finalists',
        'Model version',
        'Ranks',
        'Lambdas',
        'Iterations',
        'Ranks',
        'Lambdas',
        'Alphas',
        'Iterations',
      ]);
      const legends = Array.from(details().querySelectorAll('fieldset legend'), (legend) => legend.textContent?.trim());
      expect(legends).toEqual(['Explicit model (ratings)', 'Implicit model (ranking)']);
    });

    it('"Quick retrain" fills small grids, and Start retrain sends them with force', async () => {
      details().open = true;
      button('Quick retrain').click();
      await settle(fixture);
      expect(field('folds').value).toBe('2');
      expect(field('explicitRanks').value).toBe('10');
      expect(field('implicitAlphas').value).toBe('4');
      expect(details().querySelector('summary')?.textContent).toContain('Custom settings');

      el().querySelector<HTMLInputElement>('mat-checkbox input')!.click();
      await retrain();
      const op = apollo.expectOne('RetrainModel');
      expect(op.operation.variables).toEqual({
        input: {
          force: true,
          folds: 2,
          finalists: 1,
          explicitGrid: { ranks: [10], lambdas: [0.08], iterations: [5] },
          implicitGrid: { ranks: [8], lambdas: [2], alphas: [4], iterations: [5] },
        },
      });
      op.flushData({ retrainModel: pipelineRun('retrain-quick', { type: 'RETRAIN', status: 'RUNNING' }) });
      await settle(fixture);
      expect(started).toEqual(['retrain-quick']);
    });

    it('sends the values typed in, and "Use defaults" clears them', async () => {
      details().open = true;
      await type('explicitLambdas', '0.05, 0.1');
      await type('implicitIterations', '15, 5');
      await type('modelVersion', 'demo-1');
      await retrain();
      const op = apollo.expectOne('RetrainModel');
      expect(op.operation.variables).toEqual({
        input: { force: false, modelVersion: 'demo-1', explicitGrid: { lambdas: [0.05, 0.1] }, implicitGrid: { iterations: [15, 5] } },
      });
      op.flushData({ retrainModel: pipelineRun('retrain-demo-1', { type: 'RETRAIN', status: 'RUNNING' }) });
      await settle(fixture);

      button('Use defaults').click();
      await settle(fixture);
      expect(field('explicitLambdas').value).toBe('');
      expect(details().querySelector('summary')?.textContent).not.toContain('Custom settings');
      await retrain();
      const defaults = apollo.expectOne('RetrainModel');
      expect(defaults.operation.variables).toEqual({ input: { force: false } });
      defaults.flushData({ retrainModel: pipelineRun('retrain-m3', { type: 'RETRAIN', status: 'RUNNING' }) });
      await settle(fixture);
    });

    it('shows an invalid value at its field once left, and does not start with it', async () => {
      details().open = true;
      await type('explicitRanks', '10, 0');
      expect(fieldError('explicitRanks')).toBe(
        '“0” is not a whole number from 1 to 500. Use a whole number from 1 to 500 for each value, separated by commas.',
      );
      // The error is the input's description.
      const describedBy = field('explicitRanks').getAttribute('aria-describedby') ?? '';
      const error = field('explicitRanks').closest('mat-form-field')!.querySelector('mat-error')!;
      expect(describedBy.split(' ')).toContain(error.id);

      await retrain();
      apollo.expectNone('RetrainModel');
      expect(started).toEqual([]);
    });

    it('opens the options and focuses the first invalid field when a retrain is started with one', async () => {
      // Typed but never left: not shown yet.
      field('folds').value = '1';
      field('folds').dispatchEvent(new Event('input'));
      field('implicitLambdas').value = '-2';
      field('implicitLambdas').dispatchEvent(new Event('input'));
      await settle(fixture);
      expect(fieldError('folds')).toBeNull();

      await retrain();
      apollo.expectNone('RetrainModel');
      expect(details().open).toBe(true);
      expect(document.activeElement).toBe(field('folds'));
      expect(fieldError('folds')).toBe('Enter a whole number from 2 to 20.');
      expect(fieldError('implicitLambdas')).toContain('“-2” is not a number from 0 to 1,000,000.');
      expect(status()).toBe('');

      await type('folds', '3');
      await type('implicitLambdas', '2');
      await retrain();
      const op = apollo.expectOne('RetrainModel');
      expect(op.operation.variables).toEqual({ input: { force: false, folds: 3, implicitGrid: { lambdas: [2] } } });
      op.flushData({ retrainModel: pipelineRun('retrain-m4', { type: 'RETRAIN', status: 'RUNNING' }) });
      await settle(fixture);
    });

    it('do not hold back the data runs', async () => {
      await type('folds', '99');
      button('Start import').click();
      await settle(fixture);
      apollo.expectOne('StartImport').flushData({ startImport: pipelineRun('import-ml-latest-small', { status: 'RUNNING' }) });
      await settle(fixture);
      expect(started).toEqual(['import-ml-latest-small']);
    });
  });

  it('explains a start that fails because the workflow already runs', async () => {
    button('Start full pipeline').click();
    await settle(fixture);
    apollo.expectOne('StartPipeline').graphqlErrors([
      {
        message: 'Workflow pipeline-ml-latest-small is already running; wait for it to finish or cancel it with cancelPipelineRun',
        extensions: { code: 'CONFLICT', field: 'workflowId' },
      },
    ]);
    await settle(fixture);

    expect(alert()?.getAttribute('role')).toBe('alert');
    expect(alert()?.textContent).toContain('The full pipeline is already running');
    expect(alert()?.textContent).toContain('Workflow pipeline-ml-latest-small is still running.');
    expect(started).toEqual([]);
    expect(status()).toBe('');

    el().querySelector<HTMLButtonElement>('button[aria-label="Dismiss error"]')!.click();
    await settle(fixture);
    expect(alert()).toBeNull();
  });

  it('shows other failures with the API message', async () => {
    button('Start import').click();
    await settle(fixture);
    apollo.expectOne('StartImport').graphqlErrors([
      {
        message: 'datasetVersion: dataset version "x" was not uploaded',
        extensions: { code: 'BAD_USER_INPUT', field: 'datasetVersion' },
      },
    ]);
    await settle(fixture);

    expect(alert()?.textContent).toContain("Couldn't start the import");
    expect(alert()?.textContent).toContain('was not uploaded');
  });

  it('words errors for each case', () => {
    expect(startError('retrain', new Error('Failed to fetch')).message).toContain("Can't reach Reelrank");
  });
});
