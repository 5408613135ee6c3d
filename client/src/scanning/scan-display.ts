const CONTROL_NAMES: Record<number, string> = {
  0: 'NUL',
  4: 'EOT',
  9: 'TAB',
  10: 'LF',
  13: 'CR',
  27: 'ESC',
  29: 'GS',
  30: 'RS',
  31: 'US',
};

/** A scan's text with control characters made visible: "01…⟨GS⟩10LOT". */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 32 || code === 127)
      out += `⟨${CONTROL_NAMES[code] ?? `0x${code.toString(16).padStart(2, '0')}`}⟩`;
    else out += ch;
  }
  return out;
}

/** Each character with its code, for the scanner test page: [{char:'0', code:48}, {char:'⟨GS⟩', code:29}]. */
export function characterTable(text: string): { char: string; code: number }[] {
  return [...text].map((ch) => ({ char: printable(ch), code: ch.codePointAt(0) ?? 0 }));
}
