/*
 * The small markdown of routine descriptions, to HTML: paragraphs, line
 * breaks, `-`/`*`/`1.` lists, **bold**, *italic*, `code`, [links](http…) and
 * bare http(s) URLs. Everything is escaped first, so a description cannot
 * inject markup; links are only http(s) and mailto. Enough for "see the wiki";
 * no dependency, no sanitiser to trust.
 */

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function inline(text: string): string {
  const codes: string[] = [];
  let s = escapeHtml(text).replace(/`([^`]+)`/g, (_, c: string) => {
    codes.push(`<code>${c}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  s = s.replace(
    /\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^\s)]+)\)/g,
    (_, label: string, url: string) => `<a href="${url}" rel="noopener noreferrer">${label}</a>`,
  );
  s = s.replace(
    /(^|[\s(])(https?:\/\/[^\s<)]+)/g,
    (_, pre: string, url: string) => `${pre}<a href="${url}" rel="noopener noreferrer">${url}</a>`,
  );
  s = s
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  return s.replace(/\u0000(\d+)\u0000/g, (_, i: string) => codes[Number(i)]!);
}

export function markdownToHtml(md: string): string {
  const out: string[] = [];
  for (const block of md.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    if (lines.every((l) => /^\s*[-*]\s+/.test(l)))
      out.push(`<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*]\s+/, ''))}</li>`).join('')}</ul>`);
    else if (lines.every((l) => /^\s*\d+[.)]\s+/.test(l)))
      out.push(
        `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\s*\d+[.)]\s+/, ''))}</li>`).join('')}</ol>`,
      );
    else out.push(`<p>${lines.map(inline).join('<br>')}</p>`);
  }
  return out.join('\n');
}
