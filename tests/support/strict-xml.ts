// A strict XML 1.0 parser for the feed tests (saxes: every well-formedness
// error is reported, disallowed characters included, where sax lets them
// pass), and a small tree to look into what a feed reader would see.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own character data, as a reader decodes it (entities and CDATA resolved). */
  text: string;
}

/** The document's root element; throws with every error a conforming parser reports. */
export function parseStrictXml(document: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const errors: string[] = [];
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const open: XmlElement[] = [root];
  parser.on('error', (error) => errors.push(error.message));
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: Object.fromEntries(Object.entries(tag.attributes).map(([key, attribute]) => [key, typeof attribute === 'string' ? attribute : attribute.value])), children: [], text: '' };
    open.at(-1)!.children.push(element);
    open.push(element);
  });
  parser.on('closetag', () => {
    open.pop();
  });
  parser.on('text', (text) => {
    open.at(-1)!.text += text;
  });
  parser.on('cdata', (text) => {
    open.at(-1)!.text += text;
  });
  parser.write(document).close();
  if (errors.length > 0) throw new Error(`not well-formed XML:\n${errors.join('\n')}`);
  if (root.children.length !== 1) throw new Error('not one root element');
  return root.children[0]!;
}

/** Every element named `name` under `element`, in document order. */
export function elementsNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...elementsNamed(child, name)]);
}

/** The bytes of a response as UTF-8, refusing any byte sequence that is not. */
export function strictUtf8(bytes: ArrayBuffer): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}
