/**
 * UN/ECE Recommendation 20/21 unit codes (and the free-text units older Svefaktura senders use) mapped to
 * the units the catalogue prints. An unknown code is kept as it is: shown to a person, it still means
 * something, and it simply won't match a catalogue unit.
 */
const UNIT_CODES: Record<string, string> = {
  C62: 'st',
  EA: 'st',
  H87: 'st',
  XPP: 'st',
  NAR: 'st',
  KGM: 'kg',
  GRM: 'g',
  HGM: 'hg',
  LTR: 'l',
  DLT: 'dl',
  CLT: 'cl',
  MLT: 'ml',
  CT: 'krt',
  XCT: 'krt',
  PA: 'fp',
  PK: 'fp',
  XPA: 'fp',
  XPK: 'fp',
  XCI: 'dunk',
  XJY: 'dunk',
  XSA: 'säck',
  SA: 'säck',
  XBG: 'påse',
  XBO: 'fl',
  XBX: 'ask',
  XCN: 'burk',
  XBJ: 'hink',
  MTR: 'm',
  PR: 'par',
  SET: 'set',
  HUR: 'tim',
  XPX: 'pall',
};

const FREE_TEXT_UNITS: Record<string, string> = {
  styck: 'st',
  st: 'st',
  'st.': 'st',
  kilo: 'kg',
  kg: 'kg',
  liter: 'l',
  l: 'l',
  kartong: 'krt',
  krt: 'krt',
  förpackning: 'fp',
  fp: 'fp',
  paket: 'pkt',
  pkt: 'pkt',
  dunk: 'dunk',
  säck: 'säck',
};

export function unitFromCode(code: string | null): string | null {
  if (code === null) return null;
  const trimmed = code.trim();
  return UNIT_CODES[trimmed.toUpperCase()] ?? FREE_TEXT_UNITS[trimmed.toLowerCase()] ?? trimmed;
}
