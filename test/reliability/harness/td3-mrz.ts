/**
 * Builds valid TD3 (passport) MRZs for feeding agents: ICAO 9303 Part 4 §4.2.2 layout, check digits by
 * Part 3 §4.9 (weights 7, 3, 1; `<` = 0, A–Z = 10–35). Synthetic names and numbers only.
 */
function value(ch: string): number {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return 0;
}

export function checkDigit(s: string): string {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum += value(s[i]!) * [7, 3, 1][i % 3]!;
  return String(sum % 10);
}

/** A valid TD3 MRZ (two lines of 44, joined by `\n`) for document number `docNo` (≤ 9 characters). */
export function td3Mrz(docNo: string, surname = 'TESTER', given = 'ALEX'): string {
  const name = `${surname}<<${given}`.replace(/ /g, '<').padEnd(39, '<').slice(0, 39);
  const l1 = `P<UTO${name}`;
  const num = docNo.padEnd(9, '<');
  const birth = '850101';
  const expiry = '341231';
  const personal = ''.padEnd(14, '<');
  const part = `${num}${checkDigit(num)}UTO${birth}${checkDigit(birth)}M${expiry}${checkDigit(expiry)}${personal}${checkDigit(personal)}`;
  const composite = checkDigit(`${num}${checkDigit(num)}${birth}${checkDigit(birth)}${expiry}${checkDigit(expiry)}${personal}${checkDigit(personal)}`);
  return `${l1}\n${part}${composite}`;
}
