/** Payment card numbers: a Luhn checksum, an issuer's prefix and length, and card-like grouping. */

/** Luhn checksum over a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1 && (d *= 2) > 9) d -= 9;
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** Known issuer prefix with a length that issuer actually uses. */
export function cardBrandOk(d: string): boolean {
  const n = d.length,
    p2 = +d.slice(0, 2),
    p3 = +d.slice(0, 3),
    p4 = +d.slice(0, 4);
  return (
    (d[0] === '4' && (n === 13 || n === 16 || n === 19)) || // Visa
    (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) || // Mastercard
    ((p2 === 34 || p2 === 37) && n === 15) || // Amex
    ((p4 === 6011 || p2 === 65 || (p3 >= 644 && p3 <= 649)) && n >= 16 && n <= 19) || // Discover
    (p4 >= 3528 && p4 <= 3589 && n >= 16 && n <= 19) || // JCB
    ((p2 === 36 || p2 === 38 || (p3 >= 300 && p3 <= 305)) && n === 14)
  ); // Diners
}

/** Grouped numbers must look like a card (one separator kind, first group of 4), not a phone number. */
export function cardGroupsOk(s: string): boolean {
  const groups = s.split(/[ -]/);
  if (groups.length === 1) return true;
  return new Set(s.match(/[ -]/g)).size === 1 && groups[0].length === 4 && groups.every((g) => g.length <= 6);
}

/** A card number as written: grouped right, a real issuer's prefix and length, a valid checksum. */
export function isCardNumber(written: string): boolean {
  const digits = written.replace(/\D/g, '');
  return cardGroupsOk(written) && cardBrandOk(digits) && luhnValid(digits);
}
