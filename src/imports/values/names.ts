// Text normalisers for imported rows: the stored form of a person's name, and
// light cleaning for free text such as addresses and occupations. The name
// form is what every later comparison starts from, so it must be stable:
// normalising an already normalised name changes nothing.

/** Apostrophe look-alikes that keyboards, phones and Word put in names (D'SOUZA, MA'RUF). */
const SINGLE_QUOTES = /[`\u00b4\u02b9\u02bb\u02bc\u02bd\u2018\u2019\u201a\u201b\u2032\u2035]/gu;
/** Curly double quotes become the straight one, not an apostrophe: they mark nicknames. */
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u2036]/gu;
// JavaScript's \s leaves out NEL (U+0085), which old Windows exports still carry.
const WHITESPACE = /[\s\u0085]+/gu;
// Control and format characters (zero-width spaces, soft hyphens, BOMs) are
// invisible but make two equal-looking strings differ.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;
// Printable ASCII words with single spaces between them: the common case, with
// nothing to fold (for names: no backtick, which becomes an apostrophe). The
// Unicode steps above cost ~10 µs a value; a million-row import notices.
const PLAIN_NAME = /^[!-_a-~](?: ?[!-_a-~])*$/;
const PLAIN_TEXT = /^[!-~](?: ?[!-~])*$/;

function nameStep(text: string): string {
  return (
    text
      // Before NFKC, which would split the acute accent into a space and a combining mark.
      .replace(SINGLE_QUOTES, "'")
      .replace(DOUBLE_QUOTES, '"')
      .normalize('NFKC')
      .replace(WHITESPACE, ' ')
      .replace(INVISIBLE, '')
      .toUpperCase()
      .replace(WHITESPACE, ' ')
      .trim()
  );
}

export function normaliseName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  if (PLAIN_NAME.test(raw)) return raw.toUpperCase();
  // Upper-casing can produce a sequence that NFKC composes differently (Greek
  // with diacritics, for instance), so apply the step until it stops changing;
  // two rounds suffice in practice, the bound only guards against surprises.
  let text = nameStep(raw);
  for (let i = 0; i < 4; i++) {
    const next = nameStep(text);
    if (next === text) break;
    text = next;
  }
  return text === '' ? null : text;
}

export function cleanText(raw: unknown): string | null {
  let text: string;
  if (typeof raw === 'string') {
    if (PLAIN_TEXT.test(raw)) return raw;
    text = raw;
  } else if (typeof raw === 'number' && Number.isFinite(raw)) text = String(raw);
  else if (typeof raw === 'bigint') text = raw.toString();
  else return null;
  const cleaned = text
    .replace(WHITESPACE, ' ')
    .replace(INVISIBLE, '')
    .replace(WHITESPACE, ' ')
    .trim();
  return cleaned === '' ? null : cleaned;
}
