import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { settle } from '../../testing/fixtures';
import { pipelineRun } from '../admin-fixtures';
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
