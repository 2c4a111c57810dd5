// Every piece of text the API returns reaches the page through textContent, never innerHTML: document
// text and names are data, and some of them contain `<` or `&`.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined>;

/** Creates an element: `h('p', { class: 'x' }, 'text', child)`. Boolean attributes are set when true. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

export function clear(el: Element): void {
  el.replaceChildren();
}

/** "AGREES_TO" → "agrees to": enum values read better as words in labels and lists. */
export function words(value: string): string {
  return value.toLowerCase().replace(/_/g, ' ');
}
