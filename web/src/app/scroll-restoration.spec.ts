import { ApplicationInitStatus } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NavigationEnd, NavigationSkipped, NavigationSkippedCode, NavigationStart, Router, type Event } from '@angular/router';
import { Subject } from 'rxjs';
import { provideScrollRestoration } from './scroll-restoration';

describe('provideScrollRestoration', () => {
  let events: Subject<Event>;
  let scrollTo: ReturnType<typeof vi.fn>;
  let scrollY: number;

  beforeEach(async () => {
    events = new Subject<Event>();
    scrollY = 0;
    scrollTo = vi.fn((_x: number, y: number) => (scrollY = y));
    vi.spyOn(window, 'scrollTo').mockImplementation(scrollTo as unknown as typeof window.scrollTo);
    vi.spyOn(window, 'scrollY', 'get').mockImplementation(() => scrollY);
    // jsdom has no history.scrollRestoration.
    Object.defineProperty(history, 'scrollRestoration', { value: 'auto', writable: true, configurable: true });
    TestBed.configureTestingModule({ providers: [{ provide: Router, useValue: { events } }, provideScrollRestoration()] });
    await TestBed.inject(ApplicationInitStatus).donePromise;
  });

  afterEach(() => {
    vi.restoreAllMocks();
    delete (history as { scrollRestoration?: string }).scrollRestoration;
  });

  const frame = () => new Promise((resolve) => setTimeout(resolve, 20));
  async function navigate(id: number, url: string, back?: number) {
    events.next(
      new NavigationStart(id, url, back === undefined ? 'imperative' : 'popstate', back === undefined ? null : { navigationId: back }),
    );
    events.next(new NavigationEnd(id, url, url));
    await frame();
  }

  it('takes the browser off restoring on its own', () => {
    expect(history.scrollRestoration).toBe('manual');
  });

  it('starts a new page at the top and goes back to where the previous one was', async () => {
    await navigate(1, '/');
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
    scrollY = 900;
    await navigate(2, '/movie/1');
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
    scrollY = 300;
    await navigate(3, '/movie/2');

    // Back to /movie/1 (navigation 2), then back to / (navigation 1).
    await navigate(4, '/movie/1', 2);
    expect(scrollTo).toHaveBeenLastCalledWith(0, 300);
    await navigate(5, '/', 1);
    expect(scrollTo).toHaveBeenLastCalledWith(0, 900);
    // Each scroll once, after the view rendered.
    expect(scrollTo).toHaveBeenCalledTimes(5);
  });

  it('goes to the top for a back navigation it has no position for', async () => {
    scrollY = 500;
    await navigate(7, '/browse', 3);
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
  });

  it('scrolls to the top when the current page is navigated to again', async () => {
    await navigate(1, '/browse');
    scrollY = 700;
    events.next(new NavigationSkipped(1, '/browse', 'same URL', NavigationSkippedCode.IgnoredSameUrlNavigation));
    await frame();
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
    expect(scrollTo).toHaveBeenCalledTimes(2);
  });
});
