import { escapeAttribute, stanzaAttributes, type CallReject } from '../../spec/index.js';

/** A stanza as editable markup: attribute values are already spelled (escaped), lists may hold duplicates. */
export interface StanzaModel {
  prolog: string;
  root: string;
  attrs: [string, string][];
  children: { tag: string; attrs: [string, string][] }[];
  text: string;
  epilog: string;
}

/** The canonical model of a valid message. */
export function modelOf(msg: CallReject): StanzaModel {
  const pairs = stanzaAttributes(msg);
  const spell = (list: [string, string][]) => list.map(([k, v]): [string, string] => [k, escapeAttribute(v)]);
  return {
    prolog: '',
    root: 'call',
    attrs: spell(pairs.call),
    children: [{ tag: 'reject', attrs: spell(pairs.reject) }],
    text: '',
    epilog: '',
  };
}

const attrText = (attrs: [string, string][]) => attrs.map(([k, v]) => ` ${k}="${v}"`).join('');

/** The markup of a model. */
export function serializeModel(m: StanzaModel): string {
  const children = m.children.map((c) => `<${c.tag}${attrText(c.attrs)}/>`).join('');
  return `${m.prolog}<${m.root}${attrText(m.attrs)}>${m.text}${children}</${m.root}>${m.epilog}`;
}

/** The attribute list of `element` in the model (`call` is the root, `reject` the first child). */
export function attrsOf(m: StanzaModel, element: 'call' | 'reject'): [string, string][] {
  return element === 'call' ? m.attrs : m.children[0]!.attrs;
}

/** Sets (or adds) an attribute's spelled value. */
export function setAttr(m: StanzaModel, element: 'call' | 'reject', name: string, spelled: string): void {
  const list = attrsOf(m, element);
  const pair = list.find(([k]) => k === name);
  if (pair) pair[1] = spelled;
  else list.push([name, spelled]);
}
