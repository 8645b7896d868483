import { Directive, booleanAttribute, computed, inject, input } from '@angular/core';
import { Router, isActive, type IsActiveMatchOptions } from '@angular/router';

/** What RouterLinkActive's `{ exact: true }` compares: the whole path and the query params. */
const EXACT: Partial<IsActiveMatchOptions> = { paths: 'exact', queryParams: 'exact' };

/**
 * Marks the link of the current page in a navigation: class `active` and `aria-current="page"`.
 * `<a routerLink="/browse" rrActiveLink="/browse">`, `rrActiveLinkExact` for a path that others
 * start with ("/"). Built on the router's `isActive` signal rather than RouterLinkActive, which
 * would add its code to the first load of every page (the shell uses it).
 */
@Directive({
  selector: 'a[rrActiveLink]',
  host: { '[class.active]': 'active()', '[attr.aria-current]': "active() ? 'page' : null" },
})
export class ActiveLink {
  readonly path = input.required<string>({ alias: 'rrActiveLink' });
  readonly exact = input(false, { alias: 'rrActiveLinkExact', transform: booleanAttribute });

  private readonly router = inject(Router);
  private readonly isActive = computed(() => isActive(this.path(), this.router, this.exact() ? EXACT : {}));
  protected readonly active = computed(() => this.isActive()());
}
