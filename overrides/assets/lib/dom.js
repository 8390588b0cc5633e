/* Lumbung Praktik: the two DOM helpers every script of the site uses. */

/** A new `tag` element with an optional class and text (set as text, never parsed as HTML). */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/** Replaces the children of `parent` with `children`, in order. */
export function fill(parent, children) {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  children.forEach((child) => parent.appendChild(child));
}
