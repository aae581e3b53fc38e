// The Markdown the tutorial chapters are written in (docs/en/*.md,
// docs/zh/*.md): a small, strict subset, parsed here into blocks and drawn
// by the tutorial as DOM nodes, text always as text (no HTML from the files
// ever becomes markup). The same files read well on GitHub.
//
// Blocks: # headings (1-4), paragraphs, - and 1. lists (one level; an
// indented line continues the item), > quotes, ``` fenced code, | tables |,
// and directives: an HTML comment alone on its line, <!-- name: value -->
// (the tutorial uses widget and exercise); any other comment alone on its
// line is a note for the tests (<!-- fn sigmoid: ... -->) and is skipped. Inline: `code`, **strong**,
// *emphasis*, [text](link), and comments, which are dropped (the chapters
// mark checked numbers with them: 0.25<!-- = d.sigmoid(0) -->).

/** Heading anchors as GitHub makes them: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function slugger() {
  const seen = new Map();
  return (text) => {
    const base = text.toLowerCase().trim().replace(/[^\p{L}\p{N}\p{M} _-]/gu, '').replace(/ /g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n ? `${base}-${n}` : base;
  };
}

const DIRECTIVE = /^<!--\s*([a-z]+):\s*(.*?)\s*-->$/;

// Lines of one paragraph are joined with a space, except between two Chinese
// characters or next to Chinese punctuation: Chinese has no spaces between
// words, so a line break inside a sentence must not add one (a Chinese word
// next to a Latin one or a number keeps its space, as the chapters write it).
const HAN = /[\u4e00-\u9fff]/;
const FULLWIDTH = /[\u3000-\u303f\uff00-\uffef]/; // 。，：；（）and the like
const SHARED = /[“”‘’—…]/; // marks both languages use
function joinLines(lines) {
  return lines.reduce((text, line) => {
    if (text === '') return line;
    const a = text[text.length - 1];
    const b = line[0];
    const chinese = (c) => HAN.test(c) || SHARED.test(c);
    const tight = (chinese(a) && chinese(b)) || FULLWIDTH.test(a) || FULLWIDTH.test(b);
    return tight ? text + line : `${text} ${line}`;
  }, '');
}

/**
 * Blocks of a chapter: {type: 'heading', level, text, id} | {type: 'paragraph', text}
 * | {type: 'list', ordered, items: [text]} | {type: 'quote', text} | {type: 'code', lang, text}
 * | {type: 'table', head: [text], rows: [[text]]} | {type: 'directive', name, value}.
 * Text stays inline Markdown (see inline()).
 */
export function parseMarkdown(source) {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks = [];
  const slug = slugger();
  let i = 0;
  const isBlank = (l) => l.trim() === '';
  const startsBlock = (l) => /^(#{1,6} |```|> |- |\d+\. |\||<!--)/.test(l);
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    let m;
    if ((m = /^(#{1,6}) (.*)$/.exec(line))) {
      const text = m[2].trim();
      blocks.push({ type: 'heading', level: m[1].length, text, id: slug(plainText(text)) });
      i++;
    } else if ((m = DIRECTIVE.exec(line.trim()))) {
      blocks.push({ type: 'directive', name: m[1], value: m[2] });
      i++;
    } else if (/^<!--[\s\S]*-->$/.test(line.trim())) {
      i++; // a note for the checks (a formula, say), not for readers
    } else if ((m = /^```(\S*)/.exec(line))) {
      const body = [];
      i++;
      while (i < lines.length && !lines[i].startsWith('```')) body.push(lines[i++]);
      i++; // the closing fence
      blocks.push({ type: 'code', lang: m[1], text: body.join('\n') });
    } else if (line.startsWith('> ') || line === '>') {
      const body = [];
      while (i < lines.length && (lines[i].startsWith('> ') || lines[i] === '>')) body.push(lines[i++].slice(2));
      blocks.push({ type: 'quote', text: body.join('\n') });
    } else if (/^(- |\d+\. )/.test(line)) {
      const ordered = /^\d/.test(line);
      const items = [];
      while (i < lines.length && !isBlank(lines[i])) {
        const item = /^(?:- |\d+\. )(.*)$/.exec(lines[i]);
        if (item) items.push(item[1]);
        else if (/^\s+\S/.test(lines[i]) && items.length) items[items.length - 1] = joinLines([items[items.length - 1], lines[i].trim()]);
        else break;
        i++;
      }
      blocks.push({ type: 'list', ordered, items });
    } else if (line.startsWith('|')) {
      const rows = [];
      while (i < lines.length && lines[i].startsWith('|')) rows.push(lines[i++]);
      const cells = (r) => r.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
      const body = rows.filter((r, k) => !(k === 1 && /^\|[\s:|-]+\|?$/.test(r.trim())));
      blocks.push({ type: 'table', head: cells(body[0]), rows: body.slice(1).map(cells) });
    } else {
      const body = [];
      while (i < lines.length && !isBlank(lines[i]) && !(body.length && startsBlock(lines[i]))) body.push(lines[i++].trim());
      blocks.push({ type: 'paragraph', text: joinLines(body) });
    }
  }
  return blocks;
}

/**
 * Inline Markdown as spans: {type: 'text'|'code'|'strong'|'em', text} and
 * {type: 'link', text, href}. Comments are dropped.
 */
export function inline(text) {
  const out = [];
  const re = /<!--[\s\S]*?-->|`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  let m;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index) });
    if (m[1] !== undefined) out.push({ type: 'code', text: m[1] });
    else if (m[2] !== undefined) out.push({ type: 'strong', text: m[2] });
    else if (m[3] !== undefined) out.push({ type: 'em', text: m[3] });
    else if (m[4] !== undefined) out.push({ type: 'link', text: m[4], href: m[5] });
    last = re.lastIndex;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

/** The words of inline Markdown without its marks (for anchors and labels). */
export function plainText(text) {
  return inline(text).map((s) => s.text).join('');
}
