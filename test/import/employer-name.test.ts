import { describe, expect, it } from 'vitest';
import { guessEmployerKind, newEmployerId, normaliseEmployerName } from '../../server/import/employer-name.ts';

describe('employer names', () => {
  it('normaliseEmployerName removes legal suffixes (GmbH, B.V., Ltd, SAS, …) and case', () => {
    const cases: [string, string][] = [
      ['Siemens Healthineers AG', 'siemens healthineers'],
      ['Philips Healthcare B.V.', 'philips healthcare'],
      ['PHILIPS HEALTHCARE, Inc.', 'philips healthcare'],
      ['Quantib B. V.', 'quantib'],
      ['Aidence BV', 'aidence'],
      ['Kheiron Medical Technologies Ltd', 'kheiron medical technologies'],
      ['Optellum Limited', 'optellum'],
      ['Owkin SAS', 'owkin'],
      ['Bosch GmbH & Co. KG', 'bosch'],
      ['Synerise Sp. z o.o.', 'synerise'],
      ['Brainlab SE', 'brainlab'],
      ['  Université   Grenoble Alpes ', 'universite grenoble alpes'],
    ];
    for (const [name, norm] of cases) expect(normaliseEmployerName(name), name).toBe(norm);
  });

  it('normaliseEmployerName removes the legal forms of the Baltics, Poland, Czechia, Bulgaria, Luxembourg and Norway, and those written before the name', () => {
    const same: [string, string][] = [
      ['Acme OÜ', 'acme'],
      ['Acme UAB', 'acme'],
      ['UAB Acme', 'acme'],
      ['SIA Acme', 'acme'],
      ['Acme SIA', 'acme'],
      ['OOO Acme', 'acme'],
      ['LLC Yandex', 'yandex'],
      ['Acme spółka z o.o.', 'acme'],
      ['Acme sp. j.', 'acme'],
      ['Acme spol. s r.o.', 'acme'],
      ['Acme EOOD', 'acme'],
      ['Arcelor S.à r.l.', 'arcelor'],
      ['Equinor ASA', 'equinor'],
      ['Volkswagen Aktiengesellschaft', 'volkswagen'],
      ['Acme Pte. Ltd.', 'acme'],
      ['Elekta AB (publ)', 'elekta'],
      ['Fresenius SE & Co. KGaA', 'fresenius'],
      ['Acme Pvt. Ltd.', 'acme'],
      ['Acme Private Limited', 'acme'],
      ['Acme SA/NV', 'acme'],
      ['Acme A.Ş.', 'acme'],
      ['Acme GmbH i.L.', 'acme'],
      ['Acme L.P.', 'acme'],
      ['Acme S.L.U.', 'acme'],
      ['Acme OG', 'acme'],
      ['Ford Motor Company', 'ford motor'],
      ['Acme Ltd (UK)', 'acme'],
    ];
    for (const [name, norm] of same) expect(normaliseEmployerName(name), name).toBe(norm);
    // A legal form's letters inside a name stay.
    expect(normaliseEmployerName('Pacific Asia Imaging')).toBe('pacific asia imaging');
    expect(normaliseEmployerName('Siauliai Medical')).toBe('siauliai medical');
    expect(normaliseEmployerName('OG Group')).toBe('og group');
    expect(normaliseEmployerName('Blog')).toBe('blog');
  });

  it('normaliseEmployerName folds diacritics, punctuation and hyphens, so spellings of one employer meet', () => {
    const spellings: string[][] = [
      ['Škoda Auto a.s.', 'Skoda Auto', 'SKODA-AUTO'],
      ['Siemens Healthineers AG', 'Siemens-Healthineers GmbH', 'siemens  healthineers'],
      ['Zeiss Meditec AG', 'ZEISS Meditec', 'Zeiß Meditec'],
      ['Łukasiewicz Research Network', 'Lukasiewicz Research Network'],
      ["L'Oréal S.A.", 'LOreal', "L’Oréal"],
      ['Ørsted A/S', 'Orsted'],
    ];
    for (const names of spellings) {
      const norms = new Set(names.map(normaliseEmployerName));
      expect([...norms], names.join(' | ')).toHaveLength(1);
    }
    // Folding does not join two different names.
    expect(normaliseEmployerName('Zeiss Meditec')).not.toBe(normaliseEmployerName('Zeiss Vision'));
  });

  it('guessEmployerKind tells universities, hospitals and institutes from companies by name', () => {
    expect(guessEmployerKind('Technische Universität München')).toBe('university');
    expect(guessEmployerKind('Oxford University Hospitals NHS Foundation Trust')).toBe('university');
    expect(guessEmployerKind('Klinikum rechts der Isar')).toBe('hospital');
    expect(guessEmployerKind('Fraunhofer MEVIS')).toBe('institute');
    expect(guessEmployerKind('Owkin SAS')).toBe('company');
  });

  it('newEmployerId is stable for a normalised name', () => {
    expect(newEmployerId('philips healthcare')).toBe('emp-philips-healthcare');
    expect(newEmployerId(normaliseEmployerName('Philips Healthcare B.V.'))).toBe(newEmployerId(normaliseEmployerName('PHILIPS HEALTHCARE')));
  });
});
