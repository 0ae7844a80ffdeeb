/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code, 8-digit birth date
 * (YYYYMMDD), 3-digit sequence, and a check character: ISO 7064 MOD 11-2
 * over the first 17 digits, 10 written as X.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** The birth date the number states, if it is a real calendar date no later than `today` and not before 1900. */
export function idNumberBirthDate(idNumber: string, today = new Date()): Date | null {
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/.exec(idNumber);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1900 || date.getTime() > today.getTime()) return null;
  return date;
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checksum';

/** Why an 18-character 身份证号 (upper-case X) is invalid, or null when it is valid. */
export function idNumberProblem(idNumber: string, today = new Date()): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'format';
  if (!idNumberBirthDate(idNumber, today)) return 'birthDate';
  if (idNumberCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return 'checksum';
  return null;
}
