/**
 * Escapes text for HTML element content and for double- or single-quoted attribute values (`&`, `<`, `>`,
 * `"`, `'`). Every caller-supplied string in the tearsheet (titles, symbols, labels, warnings) passes
 * through here, so a name such as `<script>` is shown as text and never runs.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character as keyof typeof ESCAPES]);
}

const ESCAPES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
} as const;
