/**
 * Add a plugin to a JavaScript or TypeScript configuration (`layerfix.config.ts`, `.layerfixrc.mjs`, ...) with ts-morph:
 * find the configuration object (`export default {...}`, `export default defineConfig({...})`, a variable exported by
 * name, `module.exports = ...`), then insert only the new entry, in the file's own quotes, indentation, line ending
 * and trailing-comma style. Every other byte of the file stays as it was. ts-morph is loaded only here: it is an
 * optional peer dependency (14.5 MB installed), so a missing copy is a clear error, not a crash.
 */
import { basename } from 'node:path';
import type {
  ArrayLiteralExpression,
  Expression,
  Node as MorphNode,
  ObjectLiteralExpression,
  SourceFile,
} from 'ts-morph';
import { ScaffoldError } from './errors.js';

type Morph = typeof import('ts-morph');

/** The ts-morph versions layerfix is written against (its `peerDependencies` range). */
const TS_MORPH_RANGE = '^28.0.0';

/** Whether an import failed because the package itself is not installed (not because something inside it broke). */
function isMissing(error: unknown, name: string): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  const message = String((error as Error)?.message ?? '');
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    (message.includes(`'${name}'`) || message.includes(`"${name}"`))
  );
}

/**
 * Load ts-morph, or throw ScaffoldError saying what to install. `importer` is the dynamic import (replaceable to
 * simulate an install without it).
 */
async function loadTsMorph(path: string, importer: () => Promise<unknown> = () => import('ts-morph')): Promise<Morph> {
  try {
    return (await importer()) as Morph;
  } catch (error) {
    if (!isMissing(error, 'ts-morph')) throw error;
    throw new ScaffoldError(
      `${path}: editing a JavaScript or TypeScript configuration needs ts-morph, an optional peer dependency of layerfix that is not installed; install it with \`npm install --save-dev ts-morph@${TS_MORPH_RANGE}\` and run the command again (nothing was written), or add the plugin to the configuration by hand`,
    );
  }
}

interface Insert {
  at: number;
  text: string;
}

/** The syntax errors of a source file, as one line, or undefined. */
function syntaxError(file: SourceFile): string | undefined {
  const diagnostics = file.getProject().getProgram().getSyntacticDiagnostics(file);
  if (!diagnostics.length) return undefined;
  const first = diagnostics[0];
  const message = first.getMessageText();
  return `${typeof message === 'string' ? message : message.getMessageText()} at line ${first.getLineNumber() ?? 0}`;
}

/** Follow an expression to the object literal it is (through parentheses, `as`, `satisfies`, a call's first argument, a variable). */
function objectOf(
  m: Morph,
  file: SourceFile,
  expression: Expression | undefined,
  depth = 0,
): ObjectLiteralExpression | undefined {
  const { Node } = m;
  let node: MorphNode | undefined = expression;
  while (
    node &&
    (Node.isParenthesizedExpression(node) ||
      Node.isAsExpression(node) ||
      Node.isSatisfiesExpression(node) ||
      Node.isTypeAssertion(node) ||
      Node.isNonNullExpression(node))
  ) {
    node = node.getExpression();
  }
  if (!node || depth > 5) return undefined;
  if (Node.isObjectLiteralExpression(node)) return node;
  if (Node.isCallExpression(node))
    return objectOf(m, file, node.getArguments()[0] as Expression | undefined, depth + 1);
  if (Node.isIdentifier(node))
    return objectOf(m, file, file.getVariableDeclaration(node.getText())?.getInitializer(), depth + 1);
  return undefined;
}

/** The configuration object of a module. */
function configObject(m: Morph, file: SourceFile): ObjectLiteralExpression | undefined {
  const { Node, SyntaxKind } = m;
  for (const statement of file.getStatements()) {
    let exported: Expression | undefined;
    if (Node.isExportAssignment(statement)) exported = statement.getExpression();
    else if (Node.isExpressionStatement(statement)) {
      const expression = statement.getExpression();
      if (
        Node.isBinaryExpression(expression) &&
        expression.getOperatorToken().getKind() === SyntaxKind.EqualsToken &&
        /^(module\.exports|exports\.default)$/.test(expression.getLeft().getText())
      ) {
        exported = expression.getRight();
      }
    }
    if (exported) return objectOf(m, file, exported);
  }
  return undefined;
}

/** The `plugins` array of the configuration object: the array, `missing`, or `unreadable` when it is not an array literal. */
function pluginsArray(
  m: Morph,
  file: SourceFile,
  object: ObjectLiteralExpression,
): ArrayLiteralExpression | 'missing' | 'unreadable' {
  const { Node } = m;
  for (const property of object.getProperties()) {
    let value: MorphNode | undefined;
    if (Node.isPropertyAssignment(property) && property.getName().replace(/^(['"])(.*)\1$/, '$2') === 'plugins')
      value = property.getInitializer();
    else if (Node.isShorthandPropertyAssignment(property) && property.getName() === 'plugins')
      value = file.getVariableDeclaration('plugins')?.getInitializer();
    else continue;
    while (
      value &&
      (Node.isAsExpression(value) || Node.isSatisfiesExpression(value) || Node.isParenthesizedExpression(value))
    )
      value = value.getExpression();
    return value && Node.isArrayLiteralExpression(value) ? value : 'unreadable';
  }
  return 'missing';
}

/** The string values of an array literal's elements (other elements are skipped). */
function entries(m: Morph, array: ArrayLiteralExpression): string[] {
  return array
    .getElements()
    .flatMap((element) =>
      m.Node.isStringLiteral(element) || m.Node.isNoSubstitutionTemplateLiteral(element)
        ? [element.getLiteralText()]
        : [],
    );
}

/**
 * Inserts that append `item` to a comma-separated list between `open` (just after `[` or `{`) and `close` (at `]` or
 * `}`), following the list's layout: one line or one item per line, with or without a trailing comma.
 */
function appendToList(
  text: string,
  open: number,
  close: number,
  items: MorphNode[],
  trailingComma: number | undefined,
  item: string,
  pad: string,
): Insert[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (items.length === 0) {
    const inner = text.slice(open, close);
    return inner.trim() === '' ? [{ at: open, text: `${pad}${item}${pad}` }] : [{ at: open, text: `${pad}${item},` }];
  }
  const last = items[items.length - 1];
  const after = trailingComma ?? last.getEnd();
  const multiLine = /\n/.test(text.slice(open, items[0].getStart()));
  if (!multiLine)
    return trailingComma !== undefined ? [{ at: after, text: ` ${item},` }] : [{ at: after, text: `, ${item}` }];
  const lineStart = text.lastIndexOf('\n', last.getStart()) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  let lineEnd = text.indexOf('\n', after);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(after, lineEnd).trim();
  const onlyComment = rest === '' || rest.startsWith('//') || /^\/\*.*\*\/$/.test(rest);
  const at = onlyComment ? lineEnd : after;
  if (trailingComma !== undefined) return [{ at, text: `${eol}${indent}${item},` }];
  return onlyComment
    ? [
        { at: last.getEnd(), text: ',' },
        { at, text: `${eol}${indent}${item}` },
      ]
    : [{ at, text: `,${eol}${indent}${item}` }];
}

/** The end of a trailing comma after the last element of a list node's syntax list, if there is one. */
function trailingCommaEnd(m: Morph, list: MorphNode): number | undefined {
  const syntaxList = list.getFirstChildByKind(m.SyntaxKind.SyntaxList);
  const lastChild = syntaxList?.getLastChild();
  return lastChild && lastChild.getKind() === m.SyntaxKind.CommaToken ? lastChild.getEnd() : undefined;
}

function load(m: Morph, name: string, text: string): SourceFile {
  const project = new m.Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { allowJs: true, noLib: true },
  });
  return project.createSourceFile(`/${name}`, text, { overwrite: true });
}

/** The module text with `specifier` appended to the configuration's `plugins`. Throws ScaffoldError when it cannot. */
export async function addPluginToModule(
  text: string,
  path: string,
  specifier: string,
  exists: (entry: string) => boolean,
): Promise<string> {
  const m = await loadTsMorph(path);
  const name = basename(path);
  const file = load(m, name, text);
  const broken = syntaxError(file);
  if (broken) throw new ScaffoldError(`${path}: cannot add the plugin, the file has a syntax error: ${broken}`);
  const object = configObject(m, file);
  const byHand = `add '${specifier}' to its plugins by hand`;
  if (!object)
    throw new ScaffoldError(
      `${path}: cannot find the configuration object (expected \`export default {...}\`, \`export default defineConfig({...})\` or \`module.exports = {...}\`); ${byHand}`,
    );
  const array = pluginsArray(m, file, object);
  if (array === 'unreadable') throw new ScaffoldError(`${path}: its "plugins" is not an array literal; ${byHand}`);
  const quote =
    /^["'`]/.exec(file.getDescendantsOfKind(m.SyntaxKind.StringLiteral)[0]?.getText() ?? "'")?.[0] === '"' ? '"' : "'";
  const literal = `${quote}${specifier}${quote}`;
  let inserts: Insert[];
  if (array === 'missing') {
    const open = object.getStart() + 1;
    const close = object.getEnd() - 1;
    inserts = appendToList(
      text,
      open,
      close,
      object.getProperties(),
      trailingCommaEnd(m, object),
      `plugins: [${literal}]`,
      ' ',
    );
  } else {
    const existing = entries(m, array).find(exists);
    if (existing) throw new ScaffoldError(`${path} already lists the plugin as "${existing}"`);
    inserts = appendToList(
      text,
      array.getStart() + 1,
      array.getEnd() - 1,
      array.getElements(),
      trailingCommaEnd(m, array),
      literal,
      '',
    );
  }
  let edited = text;
  // From the end backwards; of two inserts at one place, the later one first so that the earlier ends up before it.
  const ordered = inserts
    .map((insert, index) => ({ ...insert, index }))
    .sort((a, b) => b.at - a.at || b.index - a.index);
  for (const insert of ordered) edited = edited.slice(0, insert.at) + insert.text + edited.slice(insert.at);
  const check = load(m, name, edited);
  const after = configObject(m, check);
  const list = after && pluginsArray(m, check, after);
  if (syntaxError(check) || !list || typeof list === 'string' || !entries(m, list).includes(specifier)) {
    throw new ScaffoldError(`${path}: cannot add the plugin safely to this file; ${byHand}`);
  }
  return edited;
}
