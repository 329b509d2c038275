// Writes docs/library.md from the library's public types in src/library/api.ts (npm run man);
// test/docs/libraryDocs.test.ts fails when the two drift. It parses the declarations and their
// TSDoc comments with the TypeScript compiler (parse only, no type-checking program).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const API_FILE = 'src/library/api.ts';
export const DOCS_FILE = 'docs/library.md';

/** An inline object type longer than this (on one line) is listed field by field in a table. */
const INLINE_OBJECT_WIDTH = 80;

/** The Markdown of docs/library.md for the text of src/library/api.ts. */
export function libraryDocs(sourceText) {
  const sf = ts.createSourceFile(API_FILE, sourceText, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const decls = exportedDeclarations(sf);
  const functions = decls.filter((d) => ts.isFunctionDeclaration(d.nodes[0]));
  const memory = decls.filter((d) => d.name === 'Memory' && ts.isInterfaceDeclaration(d.nodes[0]));
  const options = decls.filter((d) => !functions.includes(d) && !memory.includes(d) && d.name.endsWith('Options'));
  const others = decls.filter((d) => !functions.includes(d) && !memory.includes(d) && !options.includes(d));

  // Headings first, so that every link knows its anchor (GitHub numbers repeated anchors in document order).
  const anchors = new Anchors();
  anchors.add('memoir as a library');
  const section = new Map();
  const member = new Map();
  for (const d of [...functions, ...memory, ...options, ...others]) {
    section.set(d.name, anchors.add(d.name));
    if (memory.includes(d)) {
      for (const m of membersByName(d.nodes[0])) member.set(m, anchors.add(methodHeading(d.name, m)));
    }
  }

  const doc = new Doc(sf, section);
  const out = [
    '# memoir as a library',
    '',
    `Generated from \`${API_FILE}\` by \`npm run man\`: do not edit it by hand.`,
    '',
  ];
  const contents = [
    ['Functions', functions],
    ['The memory', memory],
    ['Options', options],
    ['Results and other types', others],
  ];
  for (const [label, group] of contents) {
    if (group.length) out.push(`- ${label}: ${group.map((d) => doc.link(d.name)).join(', ')}`);
  }
  out.push('');

  for (const d of functions) {
    out.push(`## ${d.name}`, '', ...codeBlock(d.nodes.map((n) => declarationSource(sf, n))));
    out.push(...doc.prose(d.nodes), ...doc.seeAlso(d.nodes, d.name));
  }

  for (const d of memory) {
    const node = d.nodes[0];
    out.push(`## ${d.name}`, '', ...doc.prose(d.nodes));
    for (const [name, members] of membersByName(node)) {
      out.push(`### ${methodHeading(d.name, [name, members])}`, '');
      out.push(...codeBlock(members.map((m) => m.getText(sf))), ...doc.prose(members), ...doc.seeAlso(members));
    }
  }

  for (const d of options) {
    out.push(`## ${d.name}`, '');
    const prose = doc.prose(d.nodes);
    if (prose.length) out.push(...prose);
    else {
      // an options interface without a comment of its own is described by what takes it
      const takers = takersOf(d.name);
      if (takers.length) {
        out.push(`The options of ${listed(takers.map(([name, anchor]) => `[\`${name}\`](#${anchor})`))}.`, '');
      }
    }
    out.push(...doc.shape(d.nodes[0]));
  }

  for (const d of others) out.push(`## ${d.name}`, '', ...doc.prose(d.nodes), ...doc.shape(d.nodes[0]));

  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;

  /** The functions and methods that take an options type, with their anchors. */
  function takersOf(name) {
    const takes = (nodes) =>
      nodes.some((n) => n.parameters?.some((p) => p.type && typeReferences(p.type, sf).some((r) => r.name === name)));
    const takers = functions.filter((f) => takes(f.nodes)).map((f) => [f.name, section.get(f.name)]);
    for (const m of memory) {
      for (const entry of membersByName(m.nodes[0])) {
        if (takes(entry[1])) takers.push([methodHeading(m.name, entry), member.get(entry)]);
      }
    }
    return takers;
  }
}

/** The exported statements of the file, in order; overloads (several with one name) kept together. */
function exportedDeclarations(sf) {
  const byName = new Map();
  for (const statement of sf.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    if (!modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    const name = declarationName(statement);
    if (!name) continue;
    if (!byName.has(name)) byName.set(name, { name, nodes: [] });
    byName.get(name).nodes.push(statement);
  }
  return [...byName.values()];
}

function declarationName(statement) {
  if (ts.isVariableStatement(statement)) {
    const [first] = statement.declarationList.declarations;
    return first && ts.isIdentifier(first.name) ? first.name.text : undefined;
  }
  return statement.name && ts.isIdentifier(statement.name) ? statement.name.text : undefined;
}

/** An interface's members grouped by name (a method's overloads together), in order. */
const memberGroups = new WeakMap();
function membersByName(node) {
  if (!memberGroups.has(node)) {
    const groups = new Map();
    for (const m of node.members) {
      const name = m.name ? m.name.getText() : m.getText();
      if (!groups.has(name)) groups.set(name, []);
      groups.get(name).push(m);
    }
    memberGroups.set(node, [...groups.entries()]);
  }
  return memberGroups.get(node);
}

function methodHeading(interfaceName, [name, members]) {
  const object = interfaceName[0].toLowerCase() + interfaceName.slice(1);
  if (!ts.isMethodSignature(members[0])) return `${object}.${name}`;
  return `${object}.${name}${members.some((m) => m.parameters.length) ? '(…)' : '()'}`;
}

/** The source of a declaration without `export` and `declare` (and without a body, if it has one). */
function declarationSource(sf, node) {
  const modifiers = ts.getModifiers(node) ?? [];
  const kept = modifiers.filter(
    (m) => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DeclareKeyword,
  );
  const start = modifiers.length ? modifiers[modifiers.length - 1].end : node.getStart(sf);
  if (node.body)
    return [...kept.map((m) => m.getText(sf)), sf.text.slice(start, node.body.getStart(sf)).trim()].join(' ') + ';';
  return [...kept.map((m) => m.getText(sf)), sf.text.slice(start, node.end).trim()].join(' ');
}

function codeBlock(sources) {
  const fence = '`'.repeat(Math.max(3, ...sources.map((s) => longestRun(s, '`') + 1)));
  return [`${fence}ts`, ...sources, fence, ''];
}

/** GitHub's heading anchors: lowercase, punctuation dropped, spaces as hyphens, repeats numbered. */
class Anchors {
  seen = new Map();
  add(heading) {
    const base = anchorOf(heading);
    const n = this.seen.get(base) ?? 0;
    this.seen.set(base, n + 1);
    return n ? `${base}-${n}` : base;
  }
}

function anchorOf(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The type names a node refers to (`Fact` in `Array<Fact & { … }>`), with where they are in the source. */
function typeReferences(node, sf) {
  const found = [];
  const visit = (n) => {
    let name;
    if (ts.isTypeReferenceNode(n)) name = n.typeName;
    else if (ts.isExpressionWithTypeArguments(n)) name = n.expression;
    while (name && (ts.isQualifiedName(name) || ts.isPropertyAccessExpression(name))) {
      name = ts.isQualifiedName(name) ? name.left : name.expression;
    }
    if (name && ts.isIdentifier(name)) found.push({ name: name.text, start: name.getStart(sf), end: name.end });
    ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Renders TSDoc comments and types as Markdown, linking the names that have a section. */
class Doc {
  constructor(sf, sections) {
    this.sf = sf;
    this.sections = sections;
  }

  link(name) {
    return this.sections.has(name) ? `[\`${name}\`](#${this.sections.get(name)})` : code(name);
  }

  /** The comment of the first of the nodes that has one, as paragraphs, then its tags. */
  prose(nodes) {
    const jsDoc = nodes.map(jsDocOf).find(Boolean);
    if (!jsDoc) return [];
    const out = [];
    const text = this.commentText(jsDoc.comment);
    if (text) out.push(text, '');
    for (const tag of jsDoc.tags ?? []) out.push(...this.tag(tag), '');
    return out;
  }

  tag(tag) {
    const name = tag.tagName.text;
    const text = this.commentText(tag.comment);
    if (name === 'example') return ['Example:', '', ...(/^\s*```/m.test(text) ? [text] : codeBlock([text]))];
    if (name === 'deprecated') return [`**Deprecated.** ${text}`.trim()];
    if (name === 'remarks') return [text];
    if (name === 'default' || name === 'defaultValue') return [`Default: ${text}`];
    if (name === 'see') return [`See ${text}`];
    if (ts.isJSDocParameterTag(tag)) return [`- \`${tag.name.getText(this.sf)}\`: ${text}`];
    if (name === 'returns' || name === 'return') return [`Returns ${text}`];
    return [`**@${name}** ${text}`.trim()];
  }

  /** One line of a table: the comment's first paragraph on one line, its default and deprecation noted. */
  summary(node) {
    const jsDoc = jsDocOf(node);
    if (!jsDoc) return '';
    let text = this.commentText(jsDoc.comment).split(/\n\s*\n/)[0];
    for (const tag of jsDoc.tags ?? []) {
      const tagText = this.commentText(tag.comment);
      if (tag.tagName.text === 'deprecated') text = `**Deprecated.** ${tagText} ${text}`;
      if (tag.tagName.text === 'default' || tag.tagName.text === 'defaultValue') text += ` (default: ${tagText})`;
    }
    return oneLine(text);
  }

  commentText(comment) {
    if (comment === undefined) return '';
    if (typeof comment === 'string') return comment.trim();
    return comment
      .map((part) => {
        if (ts.isJSDocLink(part) || ts.isJSDocLinkCode(part) || ts.isJSDocLinkPlain(part)) {
          let target = part.name;
          while (target && ts.isQualifiedName(target)) target = target.left;
          // {@link Name} shows the name as code; {@link Name | words} (or {@link Name words}) the words
          const words = part.text.replace(/^\s*\|/, '').trim();
          const label = words || code(part.name ? part.name.getText(this.sf) : '');
          const anchor = target && ts.isIdentifier(target) ? this.sections.get(target.text) : undefined;
          return anchor ? `[${label}](#${anchor})` : label;
        }
        return part.text;
      })
      .join('')
      .trim();
  }

  /** "See `A` and `B`." for the documented types a signature names, other than its own section. */
  seeAlso(nodes, self) {
    const names = [];
    for (const node of nodes) {
      for (const { name } of typeReferences(node, this.sf)) {
        if (name !== self && this.sections.has(name) && !names.includes(name)) names.push(name);
      }
    }
    return names.length ? [`See ${listed(names.map((n) => this.link(n)))}.`, ''] : [];
  }

  /** What a type is made of: an interface's fields as a table, an alias's source. */
  shape(node) {
    if (ts.isInterfaceDeclaration(node)) {
      const out = [];
      const bases = (node.heritageClauses ?? []).flatMap((clause) => clause.types);
      if (bases.length) out.push(`Everything in ${listed(bases.map((b) => this.type(b)))}, and:`, '');
      const rows = node.members.flatMap((m) => this.rows(m, ''));
      if (rows.length) out.push('| field | type | |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`), '');
      return out;
    }
    return codeBlock([declarationSource(this.sf, node)]);
  }

  /** A member's row, then (for a long object type written in place) a row for each of its fields. */
  rows(member, prefix) {
    const sf = this.sf;
    const readonly = (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.ReadonlyKeyword);
    const name = member.name ? member.name.getText(sf) : '';
    const optional = member.questionToken ? '?' : '';
    let label;
    let type;
    let nested = [];
    if (ts.isPropertySignature(member) && member.type) {
      label = `${prefix}${name}${optional}`;
      const literal = expandable(member.type, sf);
      if (literal) {
        // the rest of the union is null or undefined: no names to link
        const parts = ts.isUnionTypeNode(member.type) ? member.type.types : [member.type];
        type = code(parts.map((t) => (t === literal ? '{ … }' : t.getText(sf))).join(' | '));
        nested = literal.members.flatMap((m) => this.rows(m, `${prefix}${name}.`));
      } else type = this.type(member.type);
    } else if (ts.isMethodSignature(member)) {
      label = `${prefix}${name}${optional}(…)`;
      type = this.code(member.name.end + (member.questionToken ? 1 : 0), member.end, member);
    } else if (ts.isIndexSignatureDeclaration(member)) {
      label = `${prefix}[${member.parameters.map((p) => p.getText(sf)).join(', ')}]`;
      type = member.type ? this.type(member.type) : '';
    } else {
      label = prefix + (name || member.getText(sf).split(/[(<:]/)[0].trim() || '(call)');
      type = this.code(member.getStart(sf), member.end, member);
    }
    const row = [code(label) + (readonly ? ' (read-only)' : ''), type, this.summary(member)].map(cell);
    return [row, ...nested];
  }

  type(node) {
    return this.code(node.getStart(this.sf), node.end, node);
  }

  /**
   * The source between start and end on one line, comments left out, as code spans with the type
   * names that have a section as links: `Array<`[`Fact`](#fact)`>`.
   */
  code(start, end, node) {
    const links = new Map(
      typeReferences(node, this.sf)
        .filter((r) => this.sections.has(r.name))
        .map((r) => [r.start, r]),
    );
    const parts = [];
    const push = (text) => {
      if (typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += text;
      else parts.push(text);
    };
    for (const token of tokens(this.sf.text, start, end)) {
      if (token.trivia) push(' ');
      else if (links.has(token.start) && links.get(token.start).end === token.end) parts.push({ link: token.text });
      else push(token.text);
    }
    const tidy = parts.map((p, i) => {
      if (typeof p !== 'string') return p;
      let text = p.replace(/\s+/g, ' ').replace(/;\s*}/g, ' }');
      if (i === 0) text = text.trimStart().replace(/^\| /, '');
      if (i === parts.length - 1) text = text.trimEnd().replace(/[;,]$/, '');
      return text;
    });
    return tidy
      .map((p) => {
        if (typeof p !== 'string') return this.link(p.link);
        const inner = p.trim();
        if (!inner) return p ? ' ' : '';
        return (p.startsWith(' ') ? ' ' : '') + code(inner) + (p.endsWith(' ') ? ' ' : '');
      })
      .join('');
  }
}

/** An object type written in place that is too long for one line or holds comments (alone, or with null/undefined). */
function expandable(type, sf) {
  let literal;
  if (ts.isTypeLiteralNode(type)) literal = type;
  else if (ts.isUnionTypeNode(type)) {
    const literals = type.types.filter(ts.isTypeLiteralNode);
    const rest = type.types.filter((t) => !ts.isTypeLiteralNode(t));
    const nullish = (t) =>
      t.kind === ts.SyntaxKind.UndefinedKeyword ||
      (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);
    if (literals.length === 1 && rest.every(nullish)) literal = literals[0];
  }
  if (!literal) return undefined;
  const text = sf.text.slice(literal.getStart(sf), literal.end);
  const commented = tokens(sf.text, literal.getStart(sf), literal.end).some((t) => t.comment);
  return commented || text.replace(/\s+/g, ' ').length > INLINE_OBJECT_WIDTH ? literal : undefined;
}

/** The tokens of the source between start and end, trivia (spaces, comments) marked as such. */
function tokens(text, start, end) {
  const scanner = ts.createScanner(
    ts.ScriptTarget.Latest,
    false,
    ts.LanguageVariant.Standard,
    text,
    undefined,
    start,
    end - start,
  );
  const out = [];
  const braces = []; // inside `${…}` of a template literal type: where a `}` goes on with the template
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.TemplateHead) braces.push('template');
    else if (kind === ts.SyntaxKind.OpenBraceToken) braces.push('brace');
    else if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === 'template') {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateMiddle) braces.push('template');
    }
    const comment = kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia;
    const trivia = comment || kind === ts.SyntaxKind.WhitespaceTrivia || kind === ts.SyntaxKind.NewLineTrivia;
    out.push({
      start: scanner.getTokenStart(),
      end: scanner.getTokenEnd(),
      text: scanner.getTokenText(),
      trivia,
      comment,
    });
  }
  return out;
}

function jsDocOf(node) {
  return ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
}

function code(text) {
  const fence = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function longestRun(text, char) {
  let longest = 0;
  for (const run of text.match(new RegExp(`\\${char}+`, 'g')) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

function oneLine(text) {
  return text.replace(/\s+/g, ' ').trim();
}

/** A table cell: on one line, its pipes escaped (also inside code spans, as GitHub's tables need). */
function cell(text) {
  return oneLine(text).replace(/\\?\|/g, '\\|');
}

function listed(items) {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const root = new URL('../', import.meta.url);
  const markdown = libraryDocs(readFileSync(new URL(API_FILE, root), 'utf8'));
  writeFileSync(fileURLToPath(new URL(DOCS_FILE, root)), markdown);
  console.log(`wrote ${DOCS_FILE} from ${API_FILE}`);
}
