/**
 * Building the page from data. Text is always set as text, never as HTML: a name containing
 * `<script>` shows as those characters.
 */
type Child = Node | string | number | null | undefined | false;

function appendAll(el: Element, children: (Child | Child[])[]): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Appends children to an element, skipping the absent ones. */
export function fill(el: Element, ...children: (Child | Child[])[]): void {
  appendAll(el, children);
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | ((e: Event) => void) | undefined> = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  appendAll(el, children);
  return el;
}

export function entityHref(id: string): string {
  return `/entity/${encodeURIComponent(id)}`;
}

export function sourceHref(source: string, claim?: string): string {
  return `/source/${encodeURIComponent(source)}${claim ? `?claim=${encodeURIComponent(claim)}` : ''}`;
}

export function clear(el: Element): void {
  while (el.firstChild) el.firstChild.remove();
}
