/**
 * Tokens of a due text. Words are folded (lower case, no diacritics, đ → d) so that
 * "Thường xuyên", "THƯỜNG XUYÊN" and "thuong xuyen" read alike, while every token keeps its
 * place in the text as given, so an error can quote the exact characters it could not read.
 */
export interface Token {
  type: 'word' | 'num' | 'punct';
  /** Folded word, digits, or the punctuation character ("\n" for a line break, "-" for any dash). */
  value: string;
  start: number;
  end: number;
  /** Whitespace comes before it: "13h30" is three tokens without space, "13 giờ" two with. */
  spaced: boolean;
}

const LETTER = /[\p{L}\p{M}]/u;
const DIGIT = /[0-9]/;
// Markdown emphasis in the seed documents ("**chậm nhất ngày 24/02/2023**") reads as space.
const SPACE = /[\s*_]/u;
const DASHES = /[-‐‑‒–—−]/;

export function foldWord(raw: string): string {
  return raw.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (ch === '\n' || ch === '\r') {
      tokens.push({ type: 'punct', value: '\n', start: i, end: i + 1, spaced });
      spaced = true;
      i += 1;
    } else if (SPACE.test(ch)) {
      spaced = true;
      i += ch.length;
    } else {
      const kind = LETTER.test(ch) ? 'word' : DIGIT.test(ch) ? 'num' : 'punct';
      const end = kind === 'punct' ? i + ch.length : runEnd(text, i, kind === 'word' ? LETTER : DIGIT);
      const raw = text.slice(i, end);
      const value = kind === 'word' ? foldWord(raw) : kind === 'punct' && DASHES.test(raw) ? '-' : raw;
      tokens.push({ type: kind, value, start: i, end, spaced });
      spaced = false;
      i = end;
    }
  }
  return tokens;
}

function runEnd(text: string, from: number, pattern: RegExp): number {
  let i = from;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (!pattern.test(ch)) break;
    i += ch.length;
  }
  return i;
}

/** A position in a token list with backtracking; `end` bounds it to one segment of the text. */
export class Cursor {
  constructor(
    readonly tokens: readonly Token[],
    public i: number,
    readonly end: number,
  ) {}

  get done(): boolean {
    return this.i >= this.end;
  }

  peek(ahead = 0): Token | undefined {
    return this.i + ahead < this.end ? this.tokens[this.i + ahead] : undefined;
  }

  /** Consumes one of the alternatives ("cham nhat" spans two words) and answers which, or null. */
  word(...alternatives: string[]): string | null {
    for (const alternative of alternatives) {
      const parts = alternative.split(' ');
      if (parts.every((part, k) => this.peek(k)?.type === 'word' && this.peek(k)!.value === part)) {
        this.i += parts.length;
        return alternative;
      }
    }
    return null;
  }

  /** True when the next words are these, without consuming them. */
  sees(...alternatives: string[]): boolean {
    const at = this.i;
    const found = this.word(...alternatives) !== null;
    this.i = at;
    return found;
  }

  num(maxDigits = Infinity): Token | null {
    const token = this.peek();
    if (token?.type !== 'num' || token.value.length > maxDigits) return null;
    this.i += 1;
    return token;
  }

  punct(...characters: string[]): Token | null {
    const token = this.peek();
    if (token?.type !== 'punct' || !characters.includes(token.value)) return null;
    this.i += 1;
    return token;
  }

  /** The next token follows the previous one without space ("01.9.2023", "13h30"). */
  tight(): boolean {
    const token = this.peek();
    return token !== undefined && !token.spaced;
  }

  /** Runs a reader; when it answers null the cursor goes back to where it was. */
  attempt<T>(read: () => T | null): T | null {
    const at = this.i;
    const result = read();
    if (result === null) this.i = at;
    return result;
  }
}
