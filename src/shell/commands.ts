/**
 * Walks a tree-sitter-bash tree for every simple command, knowing for each whether it runs in the instruction's own
 * shell, and for the state changes made there (the hazards that come from commands and constructs).
 */
import type { ShellNode } from './tree.js';
import { commandEffects } from './builtins.js';
import type { ShellDialect } from './dialect.js';
import { flattenAndOr, groupPipelines } from './andor.js';
import { heredocHeaderEnd, isRedirect, readRedirects } from './redirects.js';
import type {
  ShellAssignment,
  ShellCommand,
  ShellCompound,
  ShellContextKind,
  ShellHazard,
  ShellRedirect,
  ShellWord,
} from './types.js';
import { toWord } from './words.js';

/** The commands, the words and redirections of compound commands, and the command-made hazards of a tree. */
export interface CommandScan {
  commands: ShellCommand[];
  compounds: ShellCompound[];
  hazards: ShellHazard[];
}

interface Context {
  /** Runs in the instruction's own shell. */
  sameShell: boolean;
  enclosing: ShellContextKind[];
  /** Inside an arithmetic context: `report` its assignments as hazards, or stay `silent` (a C-style for header). */
  arith: false | 'report' | 'silent';
}

const STATEMENTS = new Set([
  'command',
  'list',
  'pipeline',
  'subshell',
  'compound_statement',
  'redirected_statement',
  'negated_command',
  'variable_assignment',
  'variable_assignments',
  'declaration_command',
  'unset_command',
  'test_command',
  'if_statement',
  'while_statement',
  'for_statement',
  'c_style_for_statement',
  'case_statement',
  'function_definition',
]);

const ARITH_ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '&=', '^=', '|=', '++', '--']);

/** Finds every command of a parsed text, and the hazards its top-level commands and constructs make. */
export function scanCommands(root: ShellNode, source: string, dialect: ShellDialect): CommandScan {
  const scanner = new Scanner(source, dialect);
  scanner.visitChildren(root, { sameShell: true, enclosing: [], arith: false });
  scanner.commands.sort((a, b) => a.start - b.start || a.end - b.end);
  scanner.compounds.sort((a, b) => a.start - b.start || a.end - b.end);
  return { commands: scanner.commands, compounds: scanner.compounds, hazards: scanner.hazards };
}

class Scanner {
  readonly commands: ShellCommand[] = [];
  readonly hazards: ShellHazard[] = [];
  readonly compounds: ShellCompound[] = [];
  /** Redirects the grammar hung on an enclosing statement, keyed by the id of the command they belong to. */
  private readonly pending = new Map<number, ShellNode[]>();

  constructor(
    private readonly source: string,
    private readonly dialect: ShellDialect,
  ) {}

  visitChildren(node: ShellNode, ctx: Context): void {
    if (node.childCount === 0) return;
    const children = node.children;
    children.forEach((child, index) => {
      if (!child) return;
      const background = !ctx.arith && STATEMENTS.has(child.type) && children[index + 1]?.type === '&';
      this.visit(child, background ? enter(ctx, 'background', false) : ctx);
    });
  }

  private visit(node: ShellNode, ctx: Context): void {
    switch (node.type) {
      case 'comment':
        return;
      case 'command':
        this.addSimple(node, ctx);
        return;
      case 'declaration_command':
      case 'unset_command':
        this.addDeclaration(node, ctx);
        return;
      case 'test_command':
        this.addTest(node, ctx);
        return;
      case 'variable_assignments':
        this.addAssignments(node, node.namedChildren.filter(isAssignment), ctx);
        return;
      case 'variable_assignment':
        if (ctx.arith) {
          this.arithmeticAssignment(node, ctx);
          this.visitChildren(node, ctx);
        } else {
          this.addAssignments(node, [node], ctx);
        }
        return;
      case 'list':
      case 'pipeline':
      case 'redirected_statement':
        this.visitAndOr(node, ctx);
        return;
      case 'subshell':
        this.visitChildren(node, enter(ctx, 'subshell', false));
        return;
      case 'command_substitution': {
        const inner = { ...enter(ctx, 'command-substitution', false), arith: false as const };
        // bash's `$(<file)` reads the file with no command (red team 35).
        const redirects = node.namedChildren.filter((child) => child && isRedirect(child)) as ShellNode[];
        if (redirects.length && redirects.length === node.namedChildren.length)
          this.compound(
            node,
            inner,
            [],
            redirects.flatMap((child) => readRedirects(child, this.source).map((read) => read.redirect)),
          );
        this.visitChildren(node, inner);
        return;
      }
      case 'process_substitution':
        this.visitChildren(node, { ...enter(ctx, 'process-substitution', false), arith: false });
        return;
      case 'compound_statement':
        if (node.firstChild?.type === '((') this.visitChildren(node, { ...enter(ctx, 'arithmetic'), arith: 'report' });
        else this.visitChildren(node, enter(ctx, 'brace-group'));
        return;
      case 'arithmetic_expansion':
        this.visitChildren(node, { ...enter(ctx, 'arithmetic'), arith: 'report' });
        return;
      case 'function_definition':
        this.visitFunction(node, ctx);
        return;
      case 'for_statement':
      case 'c_style_for_statement':
        this.visitFor(node, ctx);
        return;
      case 'while_statement':
        this.visitChildren(node, enter(ctx, node.firstChild?.type === 'until' ? 'until' : 'while'));
        return;
      case 'if_statement':
        this.visitChildren(node, enter(ctx, 'if'));
        return;
      case 'case_statement': {
        const subject = node.childForFieldName('value');
        if (subject) this.compound(node, ctx, [toWord(subject, this.source)], []);
        this.visitChildren(node, enter(ctx, 'case'));
        return;
      }
      case 'negated_command':
        this.visitChildren(node, enter(ctx, 'negation'));
        return;
      case 'ERROR':
        this.visitChildren(node, enter(ctx, 'error'));
        return;
      case 'heredoc_redirect':
        this.visitHeredoc(node, ctx);
        return;
      case 'expansion':
        this.expansionAssignment(node, ctx);
        this.visitChildren(node, ctx);
        return;
      case 'binary_expression':
      case 'unary_expression':
      case 'postfix_expression':
        if (ctx.arith) this.arithmeticAssignment(node, ctx);
        this.visitChildren(node, ctx);
        return;
      default:
        this.visitChildren(node, ctx);
    }
  }

  /** Lists, pipelines and redirected statements, read in the shell's own grouping (see andor.ts). */
  private visitAndOr(node: ShellNode, ctx: Context): void {
    const tokens = flattenAndOr(node);
    for (const token of tokens) {
      if (token.kind === 'extra' && token.attachTo) {
        const id = token.attachTo.id;
        this.pending.set(id, [...(this.pending.get(id) ?? []), token.node]);
      }
    }
    for (const pipeline of groupPipelines(tokens)) {
      pipeline.forEach((element, index) => {
        if (!element.node) return;
        const last = index === pipeline.length - 1;
        this.visit(
          element.node,
          pipeline.length < 2 ? ctx : enter(ctx, 'pipeline', last && this.dialect.lastPipeInCurrentShell),
        );
      });
    }
    for (const token of tokens) if (token.kind === 'extra') this.visit(token.node, ctx);
    // Redirects of a compound command (`{ ...; } > f`): no simple command takes them (red team 34).
    for (const token of tokens)
      if (token.kind === 'extra' && token.compound)
        this.compound(
          token.compound,
          ctx,
          [],
          readRedirects(token.node, this.source).map((read) => read.redirect),
        );
  }

  /** Note a compound command's own words or redirects. */
  private compound(node: ShellNode, ctx: Context, words: ShellWord[], redirects: ShellRedirect[]): void {
    if (!words.length && !redirects.length) return;
    const end = Math.max(node.endIndex, ...redirects.map((r) => r.end));
    this.compounds.push({
      text: this.source.slice(node.startIndex, end),
      start: node.startIndex,
      end,
      words,
      redirects,
      topLevel: ctx.sameShell,
      context: [...ctx.enclosing],
    });
  }

  private visitHeredoc(node: ShellNode, ctx: Context): void {
    const start = node.children.find((child) => child?.type === 'heredoc_start');
    const end = node.children.find((child) => child?.type === 'heredoc_end') ?? node;
    const headerStart = node.startIndex;
    const header = this.source.slice(headerStart, start?.endIndex ?? heredocHeaderEnd(node));
    const reason = `contains a heredoc (${header}): the lines after it are its body, so text joined after the command must go before the body`;
    this.hazard('heredoc', null, reason, headerStart, end.endIndex);
    // What the grammar nests after the delimiter (`&& b`, `| grep x`) is read by visitAndOr with the statement.
    for (let index = 0; index < node.childCount; index++) {
      const child = node.child(index);
      const field = node.fieldNameForChild(index);
      if (!child || field === 'operator' || field === 'right' || child.type === 'pipeline') continue;
      this.visit(child, child.type === 'heredoc_body' ? enter(ctx, 'heredoc') : ctx);
    }
  }

  private visitFunction(node: ShellNode, ctx: Context): void {
    const name = node.childForFieldName('name');
    if (ctx.sameShell) {
      const label = name ? this.source.slice(name.startIndex, name.endIndex) : 'a function';
      this.hazard('function', label, `defines the function ${label}`, node.startIndex, node.endIndex);
    }
    this.visitChildren(node, enter(ctx, 'function', false));
  }

  private visitFor(node: ShellNode, ctx: Context): void {
    const keyword = node.firstChild?.type === 'select' ? 'select' : 'for';
    if (node.type === 'c_style_for_statement') {
      if (ctx.sameShell) {
        const header = node.childForFieldName('body')?.startIndex ?? node.endIndex;
        this.hazard(
          'loop-variable',
          keyword,
          'leaves the variables of its C-style for header set',
          node.startIndex,
          trimEnd(this.source, node.startIndex, header),
        );
      }
      for (let index = 0; index < node.childCount; index++) {
        const child = node.child(index);
        if (!child) continue;
        if (node.fieldNameForChild(index) === 'body') this.visit(child, enter(ctx, keyword));
        else this.visit(child, { ...ctx, arith: 'silent' });
      }
      return;
    }
    const variable = node.childForFieldName('variable');
    const words: ShellWord[] = [];
    for (let index = 0; index < node.childCount; index++)
      if (node.fieldNameForChild(index) === 'value' && node.child(index))
        words.push(toWord(node.child(index)!, this.source));
    this.compound(node, ctx, words, []);
    if (ctx.sameShell) {
      const name = variable ? this.source.slice(variable.startIndex, variable.endIndex) : '';
      this.hazard(
        'loop-variable',
        keyword,
        `leaves its loop variable ${name} set after the loop`,
        node.startIndex,
        variable?.endIndex ?? node.endIndex,
      );
    }
    for (let index = 0; index < node.childCount; index++) {
      const child = node.child(index);
      if (!child) continue;
      this.visit(child, node.fieldNameForChild(index) === 'body' ? enter(ctx, keyword) : ctx);
    }
  }

  private addSimple(node: ShellNode, ctx: Context): void {
    const nameNode = node.childForFieldName('name');
    const assignments: ShellAssignment[] = [];
    const args: ShellWord[] = [];
    const redirectNodes: ShellNode[] = [];
    for (let index = 0; index < node.childCount; index++) {
      const child = node.child(index);
      if (!child) continue;
      const field = node.fieldNameForChild(index);
      if (child.type === 'variable_assignment' && field !== 'argument') {
        assignments.push(this.assignment(child));
        this.visitChildren(child, ctx);
        continue;
      }
      if (field === 'argument') args.push(toWord(child, this.source));
      else if (field === 'redirect' || isRedirect(child)) redirectNodes.push(child);
      this.visit(child, ctx);
    }
    const name =
      nameNode && !isMissingName(nameNode) ? toWord(nameNode.firstNamedChild ?? nameNode, this.source) : null;
    if (!name && assignments.length === 0 && args.length === 0) return;
    this.add(node, ctx, name ? 'simple' : 'assignment', name, args, assignments, redirectNodes);
  }

  private addDeclaration(node: ShellNode, ctx: Context): void {
    const keyword = node.firstChild;
    const name = keyword ? { ...toWord(keyword, this.source), node: 'word' } : null;
    const assignments: ShellAssignment[] = [];
    const args: ShellWord[] = [];
    const redirectNodes: ShellNode[] = [];
    for (let index = 1; index < node.childCount; index++) {
      const child = node.child(index);
      if (!child || child.type === 'comment') continue;
      if (isRedirect(child)) {
        redirectNodes.push(child);
        this.visit(child, ctx);
        continue;
      }
      args.push(toWord(child, this.source));
      if (child.type === 'variable_assignment') {
        assignments.push(this.assignment(child));
        this.visitChildren(child, ctx);
      } else {
        this.visit(child, ctx);
      }
    }
    this.add(
      node,
      ctx,
      node.type === 'unset_command' ? 'unset' : 'declaration',
      name,
      args,
      assignments,
      redirectNodes,
    );
  }

  private addTest(node: ShellNode, ctx: Context): void {
    const children = node.children.filter((child): child is ShellNode => child !== null);
    const open = children.shift();
    const close = children[children.length - 1];
    if (close && !close.isNamed) children.pop();
    const args: ShellWord[] = [];
    const collect = (current: ShellNode): void => {
      if (current.type === 'comment' || current.endIndex === current.startIndex) return;
      if (current.childCount === 0 || WORDISH.has(current.type)) args.push(toWord(current, this.source));
      else for (const child of current.children) if (child) collect(child);
    };
    for (const child of children) collect(child);
    const name = open ? { ...toWord(open, this.source), node: 'word' } : null;
    this.add(node, ctx, 'test', name, args, [], []);
    this.visitChildren(node, { ...ctx, arith: 'silent' });
  }

  private addAssignments(node: ShellNode, assignmentNodes: ShellNode[], ctx: Context): void {
    const assignments = assignmentNodes.map((child) => this.assignment(child));
    this.add(node, ctx, 'assignment', null, [], assignments, []);
    for (const child of assignmentNodes) this.visitChildren(child, ctx);
  }

  private add(
    node: ShellNode,
    ctx: Context,
    form: ShellCommand['form'],
    name: ShellWord | null,
    args: ShellWord[],
    assignments: ShellAssignment[],
    ownRedirects: ShellNode[],
  ): void {
    const redirects: ShellRedirect[] = [];
    let start = node.startIndex;
    let end = node.endIndex;
    for (const redirectNode of [...ownRedirects, ...(this.pending.get(node.id) ?? [])]) {
      for (const read of readRedirects(redirectNode, this.source)) {
        redirects.push(read.redirect);
        args.push(...read.strayArgs);
        start = Math.min(start, read.redirect.start);
        end = Math.max(end, read.redirect.end, ...read.strayArgs.map((arg) => arg.end));
      }
    }
    this.pending.delete(node.id);
    args.sort((a, b) => a.start - b.start);
    redirects.sort((a, b) => a.start - b.start);
    const command: ShellCommand = {
      type: 'command',
      form,
      text: this.source.slice(start, end),
      start,
      end,
      name,
      args,
      assignments,
      redirects,
      topLevel: ctx.sameShell,
      context: [...ctx.enclosing],
      item: null,
    };
    this.commands.push(command);
    if (!ctx.sameShell) return;
    for (const found of commandEffects(command)) this.hazard(found.kind, found.command, found.reason, start, end);
  }

  private assignment(node: ShellNode): ShellAssignment {
    const nameNode = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    const operator = node.children.find((child) => child?.type === '+=') ? '+=' : '=';
    return {
      type: 'assignment',
      text: this.source.slice(node.startIndex, node.endIndex),
      start: node.startIndex,
      end: node.endIndex,
      name: nameNode ? this.source.slice(nameNode.startIndex, nameNode.endIndex) : '',
      operator,
      value: valueNode && valueNode.endIndex > valueNode.startIndex ? toWord(valueNode, this.source) : null,
    };
  }

  private arithmeticAssignment(node: ShellNode, ctx: Context): void {
    if (!ctx.sameShell || ctx.arith !== 'report') return;
    const operator = node.type === 'variable_assignment' ? '=' : node.childForFieldName('operator')?.type;
    if (!operator || !ARITH_ASSIGN.has(operator)) return;
    const text = this.source.slice(node.startIndex, node.endIndex);
    this.hazard('assignment', null, `assigns a variable in arithmetic (${text})`, node.startIndex, node.endIndex);
  }

  private expansionAssignment(node: ShellNode, ctx: Context): void {
    if (!ctx.sameShell) return;
    const operator = node.childForFieldName('operator')?.type;
    if (operator !== ':=' && operator !== '=') return;
    const text = this.source.slice(node.startIndex, node.endIndex);
    this.hazard('assignment', null, `assigns a variable with the expansion ${text}`, node.startIndex, node.endIndex);
  }

  private hazard(kind: ShellHazard['kind'], command: string | null, reason: string, start: number, end: number): void {
    this.hazards.push({ type: 'hazard', kind, command, reason, text: this.source.slice(start, end), start, end });
  }
}

const WORDISH = new Set([
  'word',
  'string',
  'raw_string',
  'ansi_c_string',
  'translated_string',
  'concatenation',
  'simple_expansion',
  'expansion',
  'command_substitution',
  'process_substitution',
  'arithmetic_expansion',
  'number',
  'test_operator',
  'extglob_pattern',
  'regex',
]);

function enter(ctx: Context, kind: ShellContextKind, sameShell = ctx.sameShell): Context {
  return { sameShell: ctx.sameShell && sameShell, enclosing: [...ctx.enclosing, kind], arith: ctx.arith };
}

function isAssignment(node: ShellNode | null): node is ShellNode {
  return node?.type === 'variable_assignment';
}

function isMissingName(node: ShellNode): boolean {
  return node.isMissing || (node.endIndex === node.startIndex && (node.firstChild?.isMissing ?? true));
}

function trimEnd(source: string, start: number, end: number): number {
  let index = end;
  while (index > start && /[\s;]/.test(source[index - 1] ?? '')) index--;
  return index;
}
