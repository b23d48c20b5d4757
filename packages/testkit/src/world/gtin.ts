import type { Rng } from "./prng";

/** GS1 mod-10 check digit of the digits before it. */
export function gtinCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i += 1) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

/** A GTIN-13 in the 40–44 (Germany) prefix range with a valid check digit. */
export function makeGtin13(rng: Rng): string {
  let body = String(rng.int(400, 440));
  while (body.length < 12) body += String(rng.int(0, 9));
  return body + String(gtinCheckDigit(body));
}
