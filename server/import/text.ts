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

/** An id-friendly form of a name: `C++` → `cplusplus`, `3D CNNs` → `3d-cnns`. */
export function slug(text: string): string {
  return fold(text.replace(/\+/g, ' plus ').replace(/#/g, ' sharp ')).replace(/ /g, '-').slice(0, 100);
}
