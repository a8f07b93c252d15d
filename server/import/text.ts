import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import anyAscii from 'any-ascii';

// CommonJS packages whose default export TypeScript misreads (one ships no types, the other types it as an ES default).
const require = createRequire(import.meta.url);
const serbianLatin = require('cyrillic-to-latin') as (text: string) => string;
const cyrillicToTranslit = require('cyrillic-to-translit-js') as (config: { preset: 'ru' | 'uk' }) => { transform(text: string): string };

/** Letters that Unicode decomposition does not reduce to ASCII. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

/**
 * A comparison form of a name: no diacritics, lower case, punctuation and
 * hyphens as single spaces. "Kraków" and "Krakow", "Cluj-Napoca" and
 * "cluj napoca" fold to the same text.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[ßẞłŁøØæÆœŒđĐðþı]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .toLowerCase()
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Runs of Cyrillic or Greek letters (with the marks that go with them). */
const CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}][\p{Script=Cyrillic}\p{Script=Greek}\p{M}]*/gu;
const HAS_CYRILLIC_OR_GREEK = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;
/** Letters only Ukrainian writes, and only Serbian and Macedonian. */
const UKRAINIAN_LETTERS = /[ҐЄІЇґєії]/u;
const SERBIAN_LETTERS = /[ЂЈЉЊЋЏЃЌЅђјљњћџѓќѕ]/u;

const ukrainian = cyrillicToTranslit({ preset: 'uk' });
/** What a romanisation left of Cyrillic or Greek in any-ascii's letters; the primes it writes for hard and soft signs dropped. */
const rest = (text: string) => text.replace(CYRILLIC_OR_GREEK, (run) => anyAscii(run)).replace(/[ʹʺ]/gu, '');

/**
 * Cyrillic and Greek written in Latin letters, the rest left as it is, in each
 * of the ways the names GeoNames holds are romanised, the likeliest first: the
 * general one (any-ascii: "Москва" → "Moskva", "Αθήνα" → "Athina"), Ukraine's
 * national one ("Київ" → "Kyiv", "Вінниця" → "Vinnytsia") and Serbian Latin
 * ("Ниш" → "Niš", "Крагујевац" → "Kragujevac"). Letters only Ukrainian, or only
 * Serbian and Macedonian, write put their language's form first. Text with no
 * such letter is the one form, unchanged.
 *
 * For reading place and country names, which GeoNames and the name lists hold
 * in Latin letters only. Not for ids: `fold` keeps every script, so an id made
 * from a Cyrillic name stays what it was.
 */
export function romanisations(text: string): string[] {
  if (!HAS_CYRILLIC_OR_GREEK.test(text)) return [text];
  const general = rest(text);
  const national = rest(ukrainian.transform(text));
  const serbian = rest(serbianLatin(text));
  const order = UKRAINIAN_LETTERS.test(text) ? [national, general, serbian] : SERBIAN_LETTERS.test(text) ? [serbian, general, national] : [general, serbian, national];
  return [...new Set(order)];
}

/** The longest slug an id carries. */
const SLUG_MAX = 100;

function wholeSlug(text: string): string {
  return fold(text.replace(/\+/g, ' plus ').replace(/#/g, ' sharp ')).replace(/ /g, '-');
}

/** An id-friendly form of a name: `C++` → `cplusplus`, `3D CNNs` → `3d-cnns`. */
export function slug(text: string): string {
  return wholeSlug(text).slice(0, SLUG_MAX);
}

/**
 * The slug of a name for an id that no other slug shares: the slug itself,
 * unless it had to be cut to 100 characters (two names alike in their first
 * hundred would meet) or is empty (a name of no letter or digit, "—" or
 * "***"); then its start, `--` and a hash of the whole slug, or of the text
 * when the slug is empty. A slug never holds `--`, so such an id is never an
 * ordinary one.
 */
export function distinctSlug(text: string): string {
  const whole = wholeSlug(text);
  if (whole !== '' && whole.length <= SLUG_MAX) return whole;
  const hash = createHash('sha256')
    .update(whole || text.normalize('NFC').trim())
    .digest('hex')
    .slice(0, 12);
  return `${whole.slice(0, SLUG_MAX - 14).replace(/-+$/, '')}--${hash}`;
}
