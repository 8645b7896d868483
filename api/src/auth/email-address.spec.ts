import { confusableSkeleton, emailMixesScripts, isNonAscii, mixesScripts, normalizeEmail } from './email-address';

describe('normalizeEmail', () => {
  it('trims, lower-cases the whole address and composes to NFC', () => {
    const nfd = '  JU\u0308RGEN@Example.COM ';
    expect(normalizeEmail(nfd)).toBe('j\u00fcrgen@example.com');
    expect(normalizeEmail('j\u00fcrgen@example.com')).toBe(normalizeEmail('ju\u0308rgen@example.com'));
  });
});

describe('confusableSkeleton', () => {
  it('maps look-alikes of other scripts to one skeleton', () => {
    expect(confusableSkeleton('\u0441\u043e\u0440\u0435')).toBe(confusableSkeleton('cope'));
    expect(confusableSkeleton('p\u0430ypal')).toBe(confusableSkeleton('paypal'));
  });

  it('keeps accented letters apart from plain ones', () => {
    expect(confusableSkeleton('j\u00fcrgen')).not.toBe(confusableSkeleton('jurgen'));
  });
});

describe('mixesScripts', () => {
  it.each([
    ['paypal', false],
    ['j\u00fcrgen.2024-x', false],
    ['\u043f\u0440\u0438\u043c\u0435\u0440', false],
    ['\u6771\u4eac\u3068\u30ab\u30bf\u30ab\u30ca', false],
    ['tokyo\u6771\u4eac', false],
    ['p\u0430ypal', true],
    ['\u03bfmega-o', true],
    ['\u043f\u0440\u0438\u03bc\u03b5\u03c1', true],
  ])('%s: %s', (text, mixes) => {
    expect(mixesScripts(text)).toBe(mixes);
  });
});

describe('emailMixesScripts', () => {
  it('checks the local part and each domain label on their own', () => {
    expect(emailMixesScripts('ivan@\u043f\u0440\u0438\u043c\u0435\u0440.example')).toBe(false);
    expect(emailMixesScripts('p\u0430ypal@example.com')).toBe(true);
    expect(emailMixesScripts('ann@ex\u03bfmple.com')).toBe(true);
  });
});

describe('isNonAscii', () => {
  it('tells addresses with a character outside ASCII', () => {
    expect(isNonAscii('ada@example.com')).toBe(false);
    expect(isNonAscii('\u0430da@example.com')).toBe(true);
  });
});
