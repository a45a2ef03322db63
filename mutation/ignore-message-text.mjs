/**
 * A Stryker ignore-plugin, 'message-text' (stryker.config.mjs: ignorers):
 * mutants inside a string or template literal that is only words for a
 * person are not tested. Such a text changes what a report says, never a
 * verdict (which check failed, with which finding code), and few tests pin
 * wording, so each such mutant would survive for its words alone.
 *
 * A literal is words for a person when
 * - it is the value of a finding's `message`, `expected` or `received`, a
 *   check's `title` or `accepts`, a reason's `seen`, a `why` or a
 *   `skipReason` (an object property or a variable of that name), or the
 *   message of an Error (`new XError(text)`; ConformanceError's first
 *   argument, its code, stays mutated); or
 * - its text holds two words apart (`the wire form of the stanza`,
 *   `a stanza with ${fault}`): no id, code, kind, attribute or field name
 *   the suite compares holds white space between letters;
 * unless it is compared (an operand of ===, !==, ==, != or the argument of
 * startsWith, includes, indexOf, split, replace, …: `'[object Error]'` is a
 * brand test, not words) or it is a bound marker that stands in for a cut
 * value (a text that begins with `[` or `…`, ends with `]` or holds the
 * MARK prefix: `[circular]`, `${MARK}: ${count(n)} more keys]`), which a reader and the
 * tests look for.
 *
 * Every other literal (kinds, codes, ids, levels, wires, attribute and
 * field names, separators) is mutated as usual. The ignored mutants show in
 * the report as Ignored, with the reason.
 */

/** Property and variable names whose string value is text for a person. */
export const TEXT_NAMES = new Set(['message', 'expected', 'received', 'title', 'accepts', 'seen', 'why', 'skipReason']);

/** Methods whose string argument is compared with or looked for in another string. */
const COMPARING = new Set(['startsWith', 'endsWith', 'includes', 'indexOf', 'lastIndexOf', 'split', 'replace', 'replaceAll', 'match', 'matchAll', 'search', 'test', 'has']);

const EQUALITY = new Set(['===', '!==', '==', '!=']);

/** Nodes a text passes through on its way to where it is used (a ? 'a' : 'b', 'a' + b, x ?? 'none', `…${'b'}…`). */
const PASS_THROUGH = new Set(['TemplateLiteral', 'ConditionalExpression', 'LogicalExpression', 'BinaryExpression', 'ParenthesizedExpression', 'TSAsExpression']);

const nameOf = (node) => (node?.type === 'Identifier' ? node.name : node?.type === 'StringLiteral' ? node.value : undefined);

/** The literal's text, each interpolation as U+0000. */
const textOf = (node) => (node.type === 'StringLiteral' ? node.value : node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('\u0000'));

const TWO_WORDS = /\p{L}\s+\p{L}/u;

/** Whether `node` is (part of) a bound marker: `[circular]`, `…[truncated: …]`, `${n} more entries]`, or a template that holds the MARK prefix. */
const isMarker = (node) => /^[[…]|\]$/.test(textOf(node)) || (node.type === 'TemplateLiteral' && node.expressions.some((e) => nameOf(e) === 'MARK'));

/** Why the literal at `path` is only words for a person, or undefined when it may matter to a verdict. */
export function textReason(path) {
  if (!path.isStringLiteral() && !path.isTemplateLiteral()) return undefined;
  const own = path.parentPath?.node;
  // A key or a type is no value.
  if (!own || (own.type === 'ObjectProperty' && path.key === 'key') || own.type === 'TSLiteralType' || own.type === 'SwitchCase') return undefined;
  let at = path;
  while (at.parentPath && PASS_THROUGH.has(at.parentPath.node.type)) {
    const up = at.parentPath.node;
    if (up.type === 'BinaryExpression' && EQUALITY.has(up.operator)) return undefined;
    at = at.parentPath;
  }
  const parent = at.parentPath?.node;
  if (!parent) return undefined;
  if (parent.type === 'ObjectProperty' && at.key === 'value' && TEXT_NAMES.has(nameOf(parent.key))) return `the ${nameOf(parent.key)} text`;
  if (parent.type === 'VariableDeclarator' && at.key === 'init' && TEXT_NAMES.has(nameOf(parent.id))) return `the ${nameOf(parent.id)} text`;
  if (parent.type === 'NewExpression' && at.listKey === 'arguments') {
    const callee = nameOf(parent.callee);
    if (callee && /Error$/.test(callee) && !(callee === 'ConformanceError' && at.key === 0)) return `the message of a ${callee}`;
  }
  if (parent.type === 'CallExpression' && at.listKey === 'arguments' && parent.callee.type === 'MemberExpression' && COMPARING.has(nameOf(parent.callee.property))) return undefined;
  if (isMarker(path.node)) return undefined;
  if (TWO_WORDS.test(textOf(path.node))) return 'a text of words';
  return undefined;
}

/** The ignorer, as Stryker calls it. */
export const messageText = {
  shouldIgnore(path) {
    const why = textReason(path);
    return why ? `only words for a person (${why}): no verdict depends on them (mutation/ignore-message-text.mjs)` : undefined;
  },
};

// What @stryker-mutator/api's declareValuePlugin(PluginKind.Ignore, 'message-text', messageText)
// returns, written out so that this file imports no package the project does not depend on directly.
export const strykerPlugins = [{ kind: 'Ignore', name: 'message-text', value: messageText }];
