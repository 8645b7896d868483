/** Colours of the charts, read from the Material theme tokens so they follow light and dark. */
export interface ChartPalette {
  /** The model's bars. */
  readonly primary: string;
  /** The popularity baseline and secondary series. */
  readonly secondary: string;
  /** The chosen configuration. */
  readonly highlight: string;
  readonly text: string;
  readonly grid: string;
}

/** Used where the tokens cannot be resolved (tests, very old browsers): the light theme's roles. */
export const FALLBACK_PALETTE: ChartPalette = {
  primary: '#9b1b30',
  secondary: '#7a6f6d',
  highlight: '#c8a24a',
  text: '#534342',
  grid: '#d8c2c0',
};

const TOKENS: Readonly<Record<keyof ChartPalette, string>> = {
  primary: '--mat-sys-primary',
  secondary: '--mat-sys-outline',
  highlight: '--mat-sys-tertiary',
  text: '--mat-sys-on-surface-variant',
  grid: '--mat-sys-outline-variant',
};

/**
 * Resolves each token to a concrete colour through a probe element inside `host` (custom properties
 * hold `light-dark(…)`, which a canvas cannot use; a computed `color` is a plain rgb()).
 */
export function readPalette(host: HTMLElement): ChartPalette {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  if (!view) return FALLBACK_PALETTE;
  const probe = doc.createElement('span');
  probe.style.display = 'none';
  host.appendChild(probe);
  try {
    const entries = (Object.keys(TOKENS) as (keyof ChartPalette)[]).map((key) => {
      probe.style.color = `var(${TOKENS[key]})`;
      const color = view.getComputedStyle(probe).color;
      return [key, color && !color.includes('var(') ? color : FALLBACK_PALETTE[key]] as const;
    });
    return Object.fromEntries(entries) as unknown as ChartPalette;
  } finally {
    probe.remove();
  }
}

/** `rgb(1, 2, 3)` → `rgba(1, 2, 3, alpha)`; other formats are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const match = /^rgba?\(([^)]+)\)$/.exec(color.trim());
  if (!match) return color;
  const [r, g, b] = match[1].split(/[\s,/]+/).filter(Boolean);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
