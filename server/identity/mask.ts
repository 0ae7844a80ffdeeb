/**
 * Masks for personal data shown in public (parties-and-pledges.md §6): the public page and
 * the plaque never show 身份证号 or phone numbers; where a screen must hint at one, it shows
 * these masked forms.
 */

/** 身份证号: the first 4 (province + city) and last 4 characters, the rest starred. `3501**********0018` */
export function maskIdNumber(idNumber: string): string {
  const value = idNumber.trim();
  if (value.length <= 8) return '*'.repeat(value.length);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}

/** Mobile number: the first 3 (carrier) and last 4 digits, the rest starred. `138****8000` */
export function maskPhone(phone: string): string {
  const value = phone.replace(/[\s-]/g, '');
  if (value.length <= 7) return '*'.repeat(value.length);
  return value.slice(0, 3) + '*'.repeat(value.length - 7) + value.slice(-4);
}
