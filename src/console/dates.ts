/**
 * What a person types → what the API takes: 06/03/2026 → 2026-03-06 (03/2026 → 2026-03, 2026 →
 * 2026 where a partial date is allowed). Anything else is sent as typed, so that the API's own
 * rule names the problem at the field.
 */
export function toIsoDate(typed: string, partial = false): string {
  const text = typed.trim();
  const full = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (full) return `${full[3]}-${full[2].padStart(2, '0')}-${full[1].padStart(2, '0')}`;
  if (partial) {
    const month = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
    if (month) return `${month[2]}-${month[1].padStart(2, '0')}`;
  }
  return text;
}
