/**
 * A pack's README as a DOM fragment. markdown-it renders it with raw HTML off (so `<script>` in a
 * README is text), and DOMPurify then removes whatever could still run or load — event handlers,
 * `javascript:` links, forms — and returns nodes, so nothing is assigned to innerHTML here. The
 * panel's CSP is the third wall: no inline script, no remote images.
 */
import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

export function renderReadme(markdown: string): DocumentFragment {
  const html = md.render(markdown);
  return DOMPurify.sanitize(html, {
    RETURN_DOM_FRAGMENT: true,
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe'],
    FORBID_ATTR: ['style'],
  });
}
