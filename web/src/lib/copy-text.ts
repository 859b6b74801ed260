// Clipboard write that also works where the async Clipboard API is missing or refused (http:, iframes without
// clipboard-write permission): falls back to a hidden textarea + execCommand.
export async function copyText(text: string, root: Document | ShadowRoot = document): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the legacy path
  }
  const doc = root instanceof Document ? root : root.ownerDocument;
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  (root instanceof Document ? root.body : root).appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}
