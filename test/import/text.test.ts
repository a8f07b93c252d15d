import { describe, expect, it } from 'vitest';
import { distinctSlug, fold, romanisations, slug } from '../../server/import/text.ts';

describe('text forms', () => {
  it('fold drops diacritics, case and punctuation', () => {
    expect(fold('Kraków')).toBe(fold('KRAKOW'));
    expect(fold('Cluj-Napoca')).toBe('cluj napoca');
    expect(fold('Łódź')).toBe('lodz');
  });

  it('slug spells + and # out and cuts at 100 characters', () => {
    expect(slug('C++')).toBe('c-plus-plus');
    expect(slug('C#')).toBe('c-sharp');
    expect(slug('3D CNNs')).toBe('3d-cnns');
    expect(slug('a'.repeat(150))).toHaveLength(100);
  });

  it('distinctSlug is the slug for ordinary names, so the ids stored before stay', () => {
    for (const name of ['PyTorch', 'C++', 'Deep Learning', 'MONAI', 'Segmentation (3D)', 'x'.repeat(100)]) expect(distinctSlug(name), name).toBe(slug(name));
  });

  it('distinctSlug keeps names apart that the slug joins by cutting or by emptying them', () => {
    const long = (tail: string) => `${'Convolutional neural networks for volumetric medical image segmentation '.repeat(2)}${tail}`;
    const cut = [long('in MRI'), long('in CT'), long('in PET'), `${'a'.repeat(100)}b`, `${'a'.repeat(100)}c`];
    expect(new Set(cut.map(slug)).size).toBeLessThan(cut.length);
    const empty = ['—', '-', '***', '?', '…'];
    expect(new Set(empty.map(slug))).toEqual(new Set(['']));
    const slugs = [...cut, ...empty].map(distinctSlug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const s of slugs) {
      expect(s.length).toBeLessThanOrEqual(100);
      expect(s).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?--[0-9a-f]{12}$/);
    }
    // Stable, and the same for spellings whose whole slug is the same.
    expect(distinctSlug(long('in MRI'))).toBe(distinctSlug(long('IN MRI')));
  });

  it('romanisations write Cyrillic and Greek in Latin letters, the language\'s own way first, and leave other text alone', () => {
    expect(romanisations('Kraków, Polska')).toEqual(['Kraków, Polska']);
    expect(romanisations('Москва')[0]).toBe('Moskva');
    expect(romanisations('Αθήνα')).toEqual(['Athina']);
    // Letters only Ukrainian writes put its national romanisation first.
    expect(romanisations('Київ, Україна')[0]).toBe('Kyiv, Ukraina');
    // Letters only Serbian (or Macedonian) writes put Serbian Latin first.
    expect(romanisations('Крагујевац')[0]).toBe('Kragujevac');
    // Without either, the general form comes first and the others follow.
    expect(romanisations('Ниш')).toEqual(['Nish', 'Niš', 'Nysh']);
    // Latin beside Cyrillic is kept as written.
    expect(romanisations('Hybrid (Мюнхен)')[0]).toBe('Hybrid (Myunkhen)');
  });

  it('ids keep the script they were written in: fold does not romanise', () => {
    expect(slug('Яндекс')).toBe('яндекс');
    expect(fold('Αθήνα')).toBe('αθηνα');
  });
});
