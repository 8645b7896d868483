import { TestBed } from '@angular/core/testing';
import { MoviePoster, hashString, placeholderBackground, posterSource, titleInitials } from './movie-poster';

describe('movie poster', () => {
  it.each([
    ['Heat', 'H'],
    ['The Dark Knight', 'DK'],
    ['Star Wars: Episode IV - A New Hope', 'SW'],
    ['Matrix, The', 'M'],
    ['Amélie (Le fabuleux destin d’Amélie Poulain)', 'A'],
    ['2001: A Space Odyssey', '2A'],
    ['"Great Performances" Cats', 'GP'],
    ['The', 'T'],
  ])('initials of %s are %s', (title, initials) => {
    expect(titleInitials(title)).toBe(initials);
  });

  it('gives a title always the same gradient, and different titles different ones', () => {
    expect(placeholderBackground('Heat')).toBe(placeholderBackground('Heat'));
    expect(placeholderBackground('Heat')).not.toBe(placeholderBackground('Alien'));
    expect(hashString('Heat')).toBe(hashString('Heat'));
  });

  it('uses the smaller TMDB rendition on cards', () => {
    const url = 'https://image.tmdb.org/t/p/w500/abc.jpg';
    expect(posterSource(url, 'card')).toBe('https://image.tmdb.org/t/p/w342/abc.jpg');
    expect(posterSource(url, 'page')).toBe(url);
  });

  it('shows the image lazily, then the placeholder if it fails, and again for a new URL', async () => {
    const fixture = TestBed.createComponent(MoviePoster);
    fixture.componentRef.setInput('title', 'Heat');
    fixture.componentRef.setInput('url', 'https://image.tmdb.org/t/p/w500/heat.jpg');
    await fixture.whenStable();
    const host = fixture.nativeElement as HTMLElement;

    const img = host.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('https://image.tmdb.org/t/p/w342/heat.jpg');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('alt')).toBe('');

    img.dispatchEvent(new Event('error'));
    await fixture.whenStable();
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('.initials')?.textContent?.trim()).toBe('H');
    expect(host.classList).toContain('placeholder');

    fixture.componentRef.setInput('url', 'https://image.tmdb.org/t/p/w500/other.jpg');
    await fixture.whenStable();
    expect(host.querySelector('img')).not.toBeNull();
  });
});
