import { ImportRejectedError } from './import-rejected-error.js';

/** Index of the `\n` ending the line that starts at `start`, or the text length for the last line. */
export function lineBreak(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return newline < 0 ? text.length : newline;
}

/** End of the line's content: the line break, or the `\r` before it (CRLF files). */
export function contentEnd(text: string, start: number, newline: number): number {
  return newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
}

/** True when text[start, end) holds only spaces, tabs or a stray `\r`. */
export function isBlank(text: string, start: number, end: number): boolean {
  let position = start;
  while (position < end) {
    const code = text.charCodeAt(position);
    if (code !== 32 && code !== 9 && code !== 13) return false;
    position++;
  }
  return true;
}

/** Number of lines from `start` to the end of the text: an upper bound on the rows, to size the columns. */
export function countLines(text: string, start: number): number {
  let lines = start < text.length ? 1 : 0;
  for (let newline = text.indexOf('\n', start); newline >= 0; newline = text.indexOf('\n', newline + 1))
    lines++;
  return lines;
}

/** A rejection about the file as a whole (empty, no header, no data), reported on one line. */
export function fileIssue(line: number, text: string, value: string): ImportRejectedError {
  return new ImportRejectedError([
    {
      line,
      rule: 'bad_row_shape',
      field: 'row',
      value,
      message: `line ${line}: ${text}`,
      action: 'rejected',
    },
  ]);
}
