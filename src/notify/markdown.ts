import { Marked, type Token, type Tokens } from 'marked';

/*
 * One markdown text, two renderings for e-mail: HTML, and plain text a
 * person reads without markup (no `**`, no `\_`). Both come from marked's
 * CommonMark lexer, so they cannot disagree on what the markdown says.
 * Raw HTML in the markdown is shown as text, never passed through: a check
 * summary or a routine title must not inject markup into a mail.
 */

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const SAFE_URL = /^(https?:|mailto:)/i;

const html = new Marked({ gfm: false, async: false });
html.use({
  renderer: {
    html: (t: Tokens.HTML | Tokens.Tag) => escapeHtml(t.raw),
    // Only web and mail links become links; anything else (javascript:, file:) stays text.
    link(t: Tokens.Link) {
      const text = this.parser.parseInline(t.tokens);
      return SAFE_URL.test(t.href) ? `<a href="${escapeHtml(t.href)}">${text}</a>` : text;
    },
    image: (t: Tokens.Image) => escapeHtml(t.text),
  },
});

/** The markdown as an HTML fragment. */
export function markdownToHtml(markdown: string): string {
  return html.parse(markdown, { async: false });
}

/** The markdown as plain text: the words, lists as `- ` and `1. `, links as `text <url>`. */
export function markdownToText(markdown: string): string {
  return blocks(html.lexer(markdown))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function blocks(tokens: readonly Token[], indent = '', tight = false): string {
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
      case 'def':
        break;
      case 'list': {
        const l = t as Tokens.List;
        const start = typeof l.start === 'number' ? l.start : 1;
        out.push(
          l.items
            .map((item, i) => {
              const bullet = l.ordered ? `${start + i}. ` : '- ';
              const body = blocks(item.tokens, `${indent}${' '.repeat(bullet.length)}`, true).trim();
              return `${indent}${bullet}${body}`;
            })
            .join('\n'),
        );
        break;
      }
      case 'code':
        out.push((t as Tokens.Code).text.replace(/^/gm, `${indent}    `));
        break;
      case 'hr':
        out.push(`${indent}----`);
        break;
      case 'paragraph':
      case 'heading':
      case 'text':
      case 'blockquote': {
        const inner = 'tokens' in t && t.tokens ? inline(t.tokens as Token[], indent) : String(t.raw);
        out.push(t.type === 'blockquote' ? blocks((t as Tokens.Blockquote).tokens, `${indent}> `) : inner);
        break;
      }
      default:
        out.push(String((t as { raw?: string }).raw ?? ''));
    }
  }
  // Inside a list item, its text and a nested list are one block.
  return out.join(tight ? '\n' : '\n\n');
}

function inline(tokens: readonly Token[], indent: string): string {
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'text':
          return 'tokens' in t && t.tokens ? inline(t.tokens as Token[], indent) : decodeEntities(t.text);
        case 'escape':
        case 'codespan':
          return decodeEntities((t as Tokens.Codespan).text);
        case 'strong':
        case 'em':
        case 'del':
          return inline((t as Tokens.Strong).tokens, indent);
        case 'link': {
          const l = t as Tokens.Link;
          const text = inline(l.tokens, indent);
          return text === l.href ? l.href : `${text} <${l.href}>`;
        }
        case 'br':
          return `\n${indent}`;
        default:
          return String((t as { raw?: string }).raw ?? '');
      }
    })
    .join('')
    .replace(/\n(?!\s)/g, `\n${indent}`);
}

/** marked hands text with HTML entities for `&<>"'`; plain text wants the characters. */
function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
