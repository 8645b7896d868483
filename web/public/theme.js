// Applies a stored theme before first paint (mirrors ThemeService) to avoid a flash. A file, not an
// inline script, so that the Content-Security-Policy can allow scripts from this origin only.
try {
  var t = localStorage.getItem('reelrank.theme');
  if (t === 'light' || t === 'dark') document.documentElement.style.colorScheme = t;
} catch (e) {}
