import { isMap, isScalar, isSeq, parseDocument, YAMLSeq, type Document, type YAMLMap } from 'yaml';
import type { ExpectedEntry } from '../runner/index.js';

/** The comment a new file starts with. */
const HEADER =
  ' Checks expected to fail, per adapter name (written by conformance --update-expected-failures).\n' +
  ' A listed check that fails does not gate; one that passes is stale and gates until removed.';

/** An entry as the file writes it: the bare id, or `{ check, note }` when it has a note. */
export const plainEntry = (e: ExpectedEntry): string | { check: string; note: string } =>
  e.note === undefined ? e.check : { check: e.check, note: e.note };

/** The check id of a list item: `- id` or `- { check: id, note }`. */
function checkOf(item: unknown): string | undefined {
  const value = isScalar(item) ? item.value : isMap(item) ? item.get('check') : undefined;
  return typeof value === 'string' ? value : undefined;
}

/** Edits one adapter's list in place: entries that stay are kept as written, in their place, the others go, new ones come last. */
function editList(doc: Document, list: YAMLSeq, entries: readonly ExpectedEntry[]): void {
  const wanted = new Set(entries.map((e) => e.check));
  const kept = new Set<string>();
  const firstGoes = list.items.length > 0 && !wanted.has(checkOf(list.items[0]) ?? '');
  list.items = list.items.filter((item) => {
    const check = checkOf(item);
    if (check === undefined || !wanted.has(check) || kept.has(check)) return false;
    kept.add(check);
    return true;
  });
  // The parser keeps the comment above the first entry on the list itself: it goes with that entry.
  if (firstGoes) list.commentBefore = null;
  for (const e of entries) if (!kept.has(e.check)) list.items.push(doc.createNode(plainEntry(e)));
}

/** Whether the file writes lists at the key's own indentation (`key:\n- id`) rather than indented. */
const unindentedLists = (text: string) => /^[^\s#-][^\n]*:[ \t]*(#[^\n]*)?\r?\n-[ \t]/m.test(text);

/**
 * The text of an expected-failures YAML file, `text` (empty for a new one),
 * with its lists changed to `expected`, editing the document rather than
 * rewriting it: comments, blank lines, quoting and the order of what stays
 * are kept; an entry that went leaves with the comments on it; new entries
 * and new adapters are appended. `text` must parse (it was read before the run).
 */
export function editExpectedFailuresYaml(text: string, expected: Readonly<Record<string, readonly ExpectedEntry[]>>): string {
  const doc = parseDocument(text) as Document;
  if (doc.errors.length > 0) throw doc.errors[0];
  if (!isMap(doc.contents)) {
    const comment = doc.contents?.commentBefore ?? doc.commentBefore;
    doc.contents = doc.createNode({});
    doc.commentBefore = text.trim() === '' ? HEADER : comment;
  }
  const map = doc.contents as YAMLMap<unknown, unknown>;
  for (const { key } of [...map.items]) {
    const name = isScalar(key) ? String(key.value) : String(key);
    if (!Object.hasOwn(expected, name)) map.delete(key);
  }
  for (const [adapter, entries] of Object.entries(expected)) {
    let list: unknown = map.get(adapter, true);
    if (!isSeq(list)) {
      // `adapter:` with nothing after it, or an adapter new to the file.
      list = new YAMLSeq(doc.schema);
      map.set(adapter, list);
    }
    editList(doc, list as YAMLSeq<unknown>, entries);
  }
  return doc.toString({ indentSeq: !unindentedLists(text), flowCollectionPadding: false, lineWidth: 0 });
}
