/**
 * Reading the XML files that manifests are written in (Maven POMs, MSBuild projects, NuGet configuration) with sax,
 * loaded the first time an XML file is read, into a small tree of elements: names, attributes, text and children.
 */
import { createRequire } from 'node:module';
import type { SAXParser } from 'sax';

/** An XML element as read: its name without a namespace prefix, its attributes, its text and its child elements. */
export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  /** The element's own text (character data and CDATA, outside child elements), trimmed. */
  text: string;
  children: XmlElement[];
}

const load = createRequire(import.meta.url);
let sax: { parser(strict: boolean, options: object): SAXParser } | undefined;

/** Read an XML document into its root element; throws an Error saying where it does not parse. */
export function readXml(text: string): XmlElement {
  sax ??= load('sax') as typeof sax;
  const parser = sax!.parser(true, { trim: false, normalize: false, xmlns: false, position: true });
  const stack: XmlElement[] = [];
  const texts: string[][] = [];
  let root: XmlElement | undefined;
  const local = (name: string) => name.slice(name.indexOf(':') + 1);
  parser.onopentag = (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes))
      attributes[local(name)] = typeof value === 'string' ? value : value.value;
    const element: XmlElement = { name: local(tag.name), attributes, text: '', children: [] };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
    texts.push([]);
  };
  parser.ontext = (value) => texts.at(-1)?.push(value);
  parser.oncdata = (value) => texts.at(-1)?.push(value);
  parser.onclosetag = () => {
    const element = stack.pop()!;
    element.text = (texts.pop() ?? []).join('').trim();
  };
  parser.onerror = (error) => {
    throw new Error(error.message.split('\n')[0]);
  };
  parser.write(text.replace(/^\ufeff/, '')).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** The child elements of `element` with a name (case-insensitive, as MSBuild reads it), at any depth when `deep`. */
export function elementsNamed(element: XmlElement, name: string, deep = false): XmlElement[] {
  const wanted = name.toLowerCase();
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (child.name.toLowerCase() === wanted) out.push(child);
    if (deep) out.push(...elementsNamed(child, name, true));
  }
  return out;
}
