import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { settle } from '../testing/fixtures';
import { ADMIN_ROUTES } from './admin.routes';

describe('admin area', () => {
  let harness: RouterTestingHarness;
  let apollo: ApolloTestingController;

  const el = () => harness.fixture.nativeElement as HTMLElement;
  const nav = () => el().querySelector('nav[aria-label="Admin sections"]')!;
  const links = () =>
    Array.from(nav().querySelectorAll('a'), (a) => [a.textContent?.trim(), a.getAttribute('href'), a.getAttribute('aria-current')]);

  async function open(url: string) {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    await settle(harness.fixture);
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [provideRouter([{ path: 'admin', children: ADMIN_ROUTES }])],
    });
    apollo = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => apollo.verify());

  it('/admin is an overview with a way into each section', async () => {
    await open('/admin');

    expect(el().querySelector('h1')?.textContent).toBe('Admin');
    expect(TestBed.inject(Title).getTitle()).toBe('Admin · Reelrank');
    expect(links()).toEqual([
      ['Overview', '/admin', 'page'],
      ['Pipelines', '/admin/pipelines', null],
      ['Models', '/admin/models', null],
    ]);
    const cards = Array.from(el().querySelectorAll('.card'), (card) => [
      card.querySelector('h2')?.textContent,
      card.querySelector('a')?.textContent?.trim(),
      card.querySelector('a')?.getAttribute('href'),
    ]);
    expect(cards).toEqual([
      ['Pipelines', 'Open pipelines', '/admin/pipelines'],
      ['Models', 'Open models', '/admin/models'],
    ]);
  });

  it('each section keeps the navigation and marks itself current', async () => {
    await open('/admin/pipelines');
    expect(el().querySelector('h1')?.textContent).toBe('Pipelines');
    expect(TestBed.inject(Title).getTitle()).toBe('Pipelines · Admin · Reelrank');
    expect(links().map(([, , current]) => current)).toEqual([null, 'page', null]);
    apollo.expectOne('PipelineRuns').flushData({ pipelineRuns: [] });
    apollo.expectOne('DatasetVersions').flushData({ datasetVersions: [] });

    await TestBed.inject(Router).navigateByUrl('/admin/models');
    await settle(harness.fixture);
    expect(el().querySelector('h1')?.textContent).toBe('Models');
    expect(links().map(([, , current]) => current)).toEqual([null, null, 'page']);
    apollo.expectOne('ModelVersions').flushData({ modelVersions: [], activeModel: null });
    await settle(harness.fixture);
  });
});
