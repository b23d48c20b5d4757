/**
 * True when ISO timestamp `a` is strictly before `b` as instants. Compares parsed times, not
 * strings, so `10:00+02:00` is before `09:00Z` and fractional seconds do not matter.
 */
export function isBeforeInstant(a: string, b: string): boolean {
  return Date.parse(a) < Date.parse(b);
}
