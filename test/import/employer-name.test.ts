import { describe, expect, it } from 'vitest';
import { employerNameKey, guessEmployerKind, namesNoEmployer, newEmployerId, normaliseEmployerName } from '../../server/import/employer-name.ts';

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

  it('normaliseEmployerName removes legal forms written out, with or without their diacritics', () => {
    const same: [string, string][] = [
      ['Acme spółka z ograniczoną odpowiedzialnością', 'acme'],
      ['ACME SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ', 'acme'],
      ['Acme Spolka z ograniczona odpowiedzialnoscia', 'acme'],
      ['Comarch spółka akcyjna', 'comarch'],
      ['Acme Spółka Akcyjna', 'acme'],
      ['Acme spółka komandytowo-akcyjna', 'acme'],
      ['Acme spółka jawna', 'acme'],
      ['Acme sp. z o.o. sp. k.', 'acme'],
      ['Acme spółka z ograniczoną odpowiedzialnością spółka komandytowa', 'acme'],
      ['Acme Gesellschaft mit beschränkter Haftung', 'acme'],
      ['Acme Kommanditgesellschaft auf Aktien', 'acme'],
      ['Acme Société par actions simplifiée', 'acme'],
      ['Acme societe anonyme', 'acme'],
      ['Acme Besloten Vennootschap', 'acme'],
      ['Acme Società per Azioni', 'acme'],
      ['Acme Sociedad Anónima', 'acme'],
      ['Acme Aktiebolag', 'acme'],
      ['Acme akciová společnost', 'acme'],
      ['Acme Public Limited Company', 'acme'],
      ['Acme Limited Liability Company', 'acme'],
    ];
    for (const [name, norm] of same) expect(normaliseEmployerName(name), name).toBe(norm);
    // A name that is the form's words in another order, or only part of one, keeps them.
    expect(normaliseEmployerName('Akcyjna Spółka Acme')).toBe('akcyjna spolka acme');
    expect(normaliseEmployerName('Limited Editions')).toBe('limited editions');
  });

  it('normaliseEmployerName removes e.K., eG, S.C.A. and the like, and "+ Co." as "& Co."', () => {
    const same: [string, string][] = [
      ['Müller e.K.', 'muller'],
      ['Müller e. K.', 'muller'],
      ['Müller e.Kfm.', 'muller'],
      ['Volksbank Mittelhessen eG', 'volksbank mittelhessen'],
      ['DZ Bank eG', 'dz bank'],
      ['Acme S.C.A.', 'acme'],
      ['Acme SCA', 'acme'],
      ['Acme S.C.S.', 'acme'],
      ['Acme S.N.C.', 'acme'],
      ['Acme SPRL', 'acme'],
      ['Acme S.A. de C.V.', 'acme'],
      ['Acme (Pty) Ltd', 'acme'],
      ['Acme GmbH + Co. KG', 'acme'],
      ['Acme GmbH+Co.KG', 'acme'],
      ['Acme GmbH und Co. KG', 'acme'],
      ['Acme GmbH u. Co. KG', 'acme'],
      ['Acme AG + Co. KGaA', 'acme'],
    ];
    for (const [name, norm] of same) expect(normaliseEmployerName(name), name).toBe(norm);
    expect(normaliseEmployerName('Peg')).toBe('peg');
    expect(normaliseEmployerName('Big Egg')).toBe('big egg');
    expect(normaliseEmployerName('Ekco')).toBe('ekco');
  });

  it('normaliseEmployerName removes a country after the name, in brackets or after a comma, and keeps other asides', () => {
    const same: [string, string][] = [
      ['Foo AG (Switzerland)', 'foo'],
      ['Foo S.A. (Poland)', 'foo'],
      ['Foo GmbH (Schweiz)', 'foo'],
      ['Foo (Deutschland) GmbH', 'foo'],
      ['Foo B.V. (The Netherlands)', 'foo'],
      ['Foo Inc. (USA)', 'foo'],
      ['Foo (U.S.A.)', 'foo'],
      ['Foo Ltd, UK', 'foo'],
      ['Foo Ltd., U.K.', 'foo'],
      ['Foo Inc., USA', 'foo'],
      ['Foo GmbH, Germany', 'foo'],
      ['Foo Sp. z o.o., Polska', 'foo'],
      ['Foo, FR', 'foo'],
      ['Foo Oy (Finland)', 'foo'],
    ];
    for (const [name, norm] of same) expect(normaliseEmployerName(name), name).toBe(norm);
    // Asides that are no country tell employers apart.
    expect(normaliseEmployerName('Fraunhofer (IIS)')).toBe('fraunhofer iis');
    expect(normaliseEmployerName('Amazon Web Services (AWS)')).toBe('amazon web services aws');
    expect(normaliseEmployerName('University of California, Berkeley')).toBe('university of california berkeley');
    expect(normaliseEmployerName('University of California, Davis')).not.toBe(normaliseEmployerName('University of California'));
    // A name that is only a country stays one.
    expect(normaliseEmployerName('(Poland)')).toBe('poland');
  });

  it('namesNoEmployer reads values with no letter or digit and words for none as no employer, and names as names', () => {
    for (const value of ['-', '—', '–', '?', '???', '***', '.', '/', '-/-', '…', 'n/a', 'N/A', 'N.A.', 'NA', 'none', 'None', 'NONE.', 'null', 'unknown', 'keine']) {
      expect(namesNoEmployer(value), value).toBe(true);
    }
    for (const value of ['Acme', '3M', 'X', 'Nonesuch Ltd', 'N/A Consulting', 'Unknown Worlds Entertainment', '42']) {
      expect(namesNoEmployer(value), value).toBe(false);
    }
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
    // Exactly 100 characters of slug: still the plain form.
    expect(newEmployerId('a'.repeat(100))).toBe(`emp-${'a'.repeat(100)}`);
  });

  it('newEmployerId gives distinct names distinct ids: names of no letter or digit, and long names alike in their first 100 characters', () => {
    const blankish = ['-', '—', '?', '***', '**', '...', '@'].map(employerNameKey);
    const long = Array.from({ length: 5 }, (_, i) => `${'the very long registered name of a research institute '.repeat(2)} department ${i}`).map(normaliseEmployerName);
    const longer = [`${'x'.repeat(99)} a`, `${'x'.repeat(99)} b`, `${'x'.repeat(100)}`, `${'x'.repeat(101)}`];
    const names = [...blankish, ...long, ...longer];
    expect(new Set(names).size).toBe(names.length);
    const ids = names.map(newEmployerId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^emp-[a-z0-9-]+$/);
      expect(id.length).toBeLessThanOrEqual(104);
      expect(id).not.toBe('emp-');
    }
    // Stable, and kept apart from ordinary slugs by "--".
    expect(newEmployerId(long[0]!)).toBe(newEmployerId(long[0]!));
    expect(newEmployerId(long[0]!)).toMatch(/^emp-the-very-long-[a-z-]+--[0-9a-f]{12}$/);
    expect(newEmployerId('—')).toMatch(/^emp---[0-9a-f]{12}$/);
  });
});
