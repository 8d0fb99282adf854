// Finds the public symbols that have no JSDoc: every export of each public entry point (following
// re-exports and `export * as ns`) and every public member of an exported class (one that a base
// class documents inherits that comment, as TypeDoc shows it). jsdoc.test.ts asserts there
// are none; `npx tsx test/docs/jsdoc.ts` prints them.
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The public entry points, as the API reference documents them (package name → source file). */
export const entries: Record<string, string> = {
  '@webgrad/tensor': 'packages/tensor/src/index.ts',
  '@webgrad/autograd': 'packages/autograd/src/index.ts',
  '@webgrad/nn': 'packages/nn/src/index.ts',
  '@webgrad/backend-wasm': 'packages/backend-wasm/src/index.ts',
  '@webgrad/backend-webgpu': 'packages/backend-webgpu/src/index.ts',
  '@webgrad/backend-webgpu/node': 'packages/backend-webgpu/src/node.ts',
  '@webgrad/worker': 'packages/worker/src/index.ts',
  webgradjs: 'packages/webgrad/src/index.ts',
};

function documented(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => {
    // A variable's JSDoc sits on its statement; ts.getJSDocCommentsAndTags walks up to it.
    const docs = ts.getJSDocCommentsAndTags(d);
    return docs.some((doc) => ts.isJSDoc(doc) && (doc.comment !== undefined || (doc.tags?.length ?? 0) > 0));
  });
}

function internal(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) => ts.getJSDocTags(d).some((t) => t.tagName.text === 'internal'));
}

/** Every undocumented public symbol or class member, once, as 'entry: path.to.name' under the first entry that exports it. */
export function undocumented(): string[] {
  return audit().missing;
}

/** How many public symbols were checked, and the undocumented ones. */
export function audit(): { checked: number; missing: string[] } {
  let checked = 0;
  const program = ts.createProgram(Object.values(entries).map((f) => `${root}/${f}`), {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    customConditions: ['@webgrad/source'],
    lib: ['lib.es2022.d.ts', 'lib.esnext.disposable.d.ts', 'lib.dom.d.ts'],
    types: [],
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const missing = new Set<string>();
  const seen = new Set<ts.Symbol>();

  const visitModule = (module: ts.Symbol, prefix: string): void => {
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const name = `${prefix}${exported.name}`;
      if (internal(symbol)) continue;
      // `export * as ns from './x.js'`: the namespace itself needs no comment; its members do.
      if (symbol.flags & ts.SymbolFlags.ValueModule && symbol.declarations?.some(ts.isSourceFile)) {
        visitModule(symbol, `${name}.`);
        continue;
      }
      if (seen.has(symbol)) continue;
      seen.add(symbol);
      checked++;
      if (!documented(symbol) && !documented(exported)) missing.add(name);
      if (symbol.flags & ts.SymbolFlags.Class) visitMembers(symbol, name);
    }
  };

  // Members are read from the class's syntax, so computed names such as [Symbol.dispose] count too.
  const visitMembers = (cls: ts.Symbol, prefix: string): void => {
    const bases = checker.getBaseTypes(checker.getDeclaredTypeOfSymbol(cls) as ts.InterfaceType);
    const inherited = (name: string): boolean => bases.some((b) => {
      const base = checker.getPropertyOfType(b, name);
      return base !== undefined && documented(base);
    });
    for (const decl of cls.declarations ?? []) {
      if (!ts.isClassDeclaration(decl)) continue;
      for (const member of decl.members) {
        if (ts.isConstructorDeclaration(member) || ts.isClassStaticBlockDeclaration(member)) continue;
        if (ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        if (member.name && ts.isPrivateIdentifier(member.name)) continue;
        const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
        if (docs.some((d) => d.tags?.some((t) => t.tagName.text === 'internal'))) continue;
        checked++;
        const own = docs.some((d) => d.comment !== undefined || (d.tags?.length ?? 0) > 0);
        if (!own && !(member.name && inherited(member.name.getText()))) missing.add(`${prefix}.${member.name?.getText() ?? '?'}`);
      }
    }
  };

  for (const [pkg, file] of Object.entries(entries)) {
    const source = program.getSourceFile(`${root}/${file}`);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module || checker.getExportsOfModule(module).length === 0) throw new Error(`jsdoc: ${file} (${pkg}) did not load or exports nothing`);
    visitModule(module, `${pkg}: `);
  }
  return { checked, missing: [...missing].sort() };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { checked, missing } = audit();
  console.log([...missing, `${checked - missing.length} of ${checked} public symbols documented`].join('\n'));
}
