import { getScript } from 'unicode-properties';
import unhomoglyph from 'unhomoglyph';

/**
 * The form of an email address that is stored and compared: trimmed, lower-cased as a whole (full Unicode
 * case mapping) and in Unicode NFC, so "Jürgen" typed precomposed (NFC) or decomposed (NFD) is one address.
 */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase().normalize('NFC');

/**
 * The confusable skeleton of Unicode TR39 (section 4): NFD, each character replaced by its prototype in
 * Unicode's confusables.txt, NFD again. Two strings that look alike have the same skeleton ("соре" in
 * Cyrillic and "cope" in Latin); the skeleton itself is not meant to be read.
 */
export const confusableSkeleton = (text: string): string => unhomoglyph(text.normalize('NFD')).normalize('NFD');

/** True when the address has a character outside ASCII. */
export const isNonAscii = (text: string): boolean => /[^\p{ASCII}]/u.test(text);

/** Characters of every script (digits, punctuation, combining marks): they mix with any script. */
const ANY_SCRIPT = new Set(['Common', 'Inherited', 'Unknown']);

/** Scripts written together (TR39 "Highly Restrictive", with Latin): Japanese, Chinese with Bopomofo, Korean. */
const WRITTEN_TOGETHER = [new Set(['Han', 'Hiragana', 'Katakana']), new Set(['Han', 'Bopomofo']), new Set(['Han', 'Hangul'])];

/**
 * True when `text` mixes scripts beyond what TR39's "Highly Restrictive" level allows: one script, or Latin
 * with Han and Hiragana/Katakana, Han and Bopomofo, or Han and Hangul. "pаypal" with a Cyrillic "а" mixes.
 */
export function mixesScripts(text: string): boolean {
  const scripts = new Set<string>();
  for (const char of text) {
    const script = getScript(char.codePointAt(0)!);
    if (!ANY_SCRIPT.has(script)) scripts.add(script);
  }
  if (scripts.size <= 1) return false;
  scripts.delete('Latin');
  return !WRITTEN_TOGETHER.some((allowed) => [...scripts].every((script) => allowed.has(script)));
}

/** True when the local part or any label of the domain mixes scripts (each label of an IDN may have its own script). */
export function emailMixesScripts(email: string): boolean {
  const at = email.lastIndexOf('@');
  const parts = at < 0 ? [email] : [email.slice(0, at), ...email.slice(at + 1).split('.')];
  return parts.some(mixesScripts);
}
