import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { NewUserEvaluationFieldsFragment } from '../../graphql/generated';
import { ModelNewUsers, newUserColumns, newUserRows } from './model-new-users';
import { newUserEvaluation, newUserFigures } from '../../testing/admin-fixtures';

@Component({
  imports: [ModelNewUsers],
  template: `<rr-model-new-users [evaluation]="evaluation()" [version]="'m3'" />`,
})
class Host {
  readonly evaluation = signal<NewUserEvaluationFieldsFragment | null>(null);
}

describe('ModelNewUsers', () => {
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

  async function render(evaluation: NewUserEvaluationFieldsFragment | null) {
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.evaluation.set(evaluation);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }
  /** The table as text: header row, then one row per figure (cells without the notes). */
  const table = (el: HTMLElement) => {
    const head = Array.from(el.querySelectorAll('thead th'), (th) => text(th.childNodes[0] as Element) ?? '');
    const rows = Array.from(el.querySelectorAll('tbody tr'), (tr) => [
      text(tr.querySelector('th')?.childNodes[0] as Element),
      ...Array.from(tr.querySelectorAll('td'), (td) => text(td.childNodes[0] as Element)),
    ]);
    return [head, ...rows];
  };

  it('shows the product next to popularity and explicit-by-prediction, figure by figure', async () => {
    const el = await render(newUserEvaluation());

    expect(table(el)).toEqual([
      ['Figure', 'This model', 'Popularity', 'Predicted rating'],
      ['Liked-P@10', '0.3920', '0.3600', '0.2270'],
      ['Liked-NDCG@10', '0.4120', '0.3800', '0.2470'],
      ['Disliked share', '0.0110', '0.0200', '0.0090'],
      ['Blockbuster share', '0.4100', '0.9300', '0.1200'],
      ['Coverage', '0.1180', '0.0061', '0.2000'],
    ]);
    expect(text(el.querySelector('thead th[data-column="product"] .note'))).toBe('m3');
    expect(text(el.querySelector('[data-row="likedPrecisionAtK"] th .note'))).toBe(
      'share of the list the user rated 4★ or more later (higher is better)',
    );
    expect(text(el.querySelector('[data-testid="new-user-protocol"]'))).toBe(
      "330 users with at least 40 ratings, in 5 groups: each group in turn is new, its users' first 10 ratings are the profile and " +
        'the models train without their later ratings, which judge the top 10 (310 users liked at least one of them).',
    );
    expect(el.querySelector('[role="region"]')?.getAttribute('aria-label')).toBe('New-user figures');
  });

  it('marks the best value where higher or lower is better, for screen readers too', async () => {
    const el = await render(newUserEvaluation());

    const best = Array.from(el.querySelectorAll('td.best'), (td) => [td.closest('tr')?.getAttribute('data-row'), text(td)]);
    expect(best).toEqual([
      ['likedPrecisionAtK', '0.3920 (best)'],
      ['likedNdcgAtK', '0.4120 (best)'],
      ['dislikedShare', '0.0090 (best)'],
    ]);
  });

  it('adds the model it was compared with for promotion, when that one was re-evaluated', async () => {
    const el = await render(newUserEvaluation({ activeModelVersion: 'm2', activeModel: newUserFigures(0.4) }));

    expect(table(el)[0]).toEqual(['Figure', 'This model', 'Active model', 'Popularity', 'Predicted rating']);
    expect(text(el.querySelector('thead th[data-column="activeModel"] .note'))).toBe('m2, re-evaluated');
    expect(table(el)[1]).toEqual(['Liked-P@10', '0.3920', '0.4000', '0.3600', '0.2270']);
    expect(text(el.querySelector('[data-row="likedPrecisionAtK"] td.best'))).toBe('0.4000 (best)');
  });

  it('says "Not available" for versions without new-user figures', async () => {
    const el = await render(null);

    expect(el.querySelector('table')).toBeNull();
    expect(text(el.querySelector('[data-testid="new-user-na"]'))).toMatch(/^Not available: versions trained before/);
  });

  it('builds columns and rows without the component', () => {
    const evaluation = newUserEvaluation({ k: 5, likedMin: 4.5, dislikedMax: 1.5 });
    const columns = newUserColumns(evaluation, 'm3');
    expect(columns.map((c) => c.key)).toEqual(['product', 'popularity', 'explicitByPrediction']);
    const rows = newUserRows(evaluation, columns);
    expect(rows.map((r) => r.label)).toEqual(['Liked-P@5', 'Liked-NDCG@5', 'Disliked share', 'Blockbuster share', 'Coverage']);
    expect(rows[0].hint).toContain('4.5★ or more');
    expect(rows[2].hint).toContain('1.5★ or less');
    // Ties are all best; rows without a better direction mark none.
    const tied = newUserEvaluation({ popularity: newUserFigures(0.392) });
    expect(newUserRows(tied, newUserColumns(tied, 'm3'))[0].cells.map((c) => c.best)).toEqual([true, true, false]);
    expect(rows[3].cells.some((c) => c.best)).toBe(false);
  });
});
