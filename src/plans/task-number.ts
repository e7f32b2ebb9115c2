/**
 * Task numbers as plans write them: "1", "4.1", "4.2" (seed 004), "2.a", "2.đ" (seed 002, whose
 * sub-items are lettered in the Vietnamese alphabet). A number's parent is the number without its
 * last part; tasks sort by their parts, numbers numerically and letters in Vietnamese order
 * (a, b, c, d, đ, e, g, h, i, k …).
 */
export const MAX_TASK_DEPTH = 6;

const PART = /^(\d{1,3}|[a-zđ]{1,2})$/;
const VIETNAMESE_LETTERS = 'abcdđefghijklmnopqrstuvwxyz';

export type TaskNumberResult =
  { ok: true; number: string; parent: string | null; sortKey: string } | { ok: false; message: string };

/** Normalises ("4.1.", " 2.Đ ", "04.1") and checks a task number. */
export function readTaskNumber(raw: string): TaskNumberResult {
  const text = raw.normalize('NFC').trim().toLowerCase().replace(/\.$/, '');
  const parts = text.split('.');
  if (!text || parts.length > MAX_TASK_DEPTH || parts.some((p) => !PART.test(p))) {
    return {
      ok: false,
      message: `"${raw}" is not a task number: parts of 1–3 digits or 1–2 letters separated by dots, at most ${MAX_TASK_DEPTH} deep (1, 4.1, 2.a)`,
    };
  }
  const normal = parts.map((p) => (/^\d+$/.test(p) ? String(Number(p)) : p));
  return {
    ok: true,
    number: normal.join('.'),
    parent: normal.length > 1 ? normal.slice(0, -1).join('.') : null,
    sortKey: normal.map(sortPart).join('.'),
  };
}

/** Digits before letters; each part fixed-width so that byte order is plan order. */
function sortPart(part: string): string {
  if (/^\d+$/.test(part)) return `0${part.padStart(3, '0')}`;
  return `1${[...part]
    .map((c) => String(VIETNAMESE_LETTERS.indexOf(c)).padStart(2, '0'))
    .join('')
    .padEnd(4, '0')}`;
}
