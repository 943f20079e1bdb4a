/**
 * What the server will make of a text, worked out in the browser before it is sent: the lines, the
 * distinct characters (with the newline) and the train/test split. The server's rules: \r\n and \r read
 * as \n; a text's last 10% is its test split; a seeded 10% of the lines (at least one) is a lines dataset's.
 */
export function normalize(text) {
  return text.replace(/\r\n?/g, '\n');
}

export function lines(text) {
  const all = text.split('\n');
  if (text.endsWith('\n')) all.pop();
  return all;
}

/** The distinct characters other than the newline, in code-point order. */
export function characters(text) {
  return [...new Set(text.replace(/\n/g, ''))].sort();
}

/** {train, test, unit}: characters of a text, lines of a lines dataset. */
export function split(text, kind) {
  if (kind === 'text') {
    const test = Math.round(text.length * 0.1);
    return { train: text.length - test, test, unit: 'characters' };
  }
  const n = lines(text).length;
  const test = Math.max(1, Math.round(n * 0.1));
  return { train: n - test, test, unit: 'lines' };
}
