import { createHash } from 'node:crypto';

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
