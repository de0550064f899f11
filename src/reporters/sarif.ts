/**
 * SARIF 2.1.0, for code scanning: a result per message, and each changed file's rewrite as a `fix` (span
 * replacements of the original text) on its first change.
 */
import { pathToFileURL } from 'node:url';
import type { FileMessage, FileResult, FilesReport } from '../runner/types.js';
import { messageText } from './message.js';
import type { Reporter, ReporterContext } from './types.js';

/** What the SARIF report says about a rule, when it is known. */
export interface RuleInfo {
  id: string;
  description?: string;
  url?: string;
}

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://www.npmjs.com/package/layerfix';

function artifactLocation(file: FileResult): { uri: string; uriBaseId?: string } {
  return file.path.startsWith('/')
    ? { uri: pathToFileURL(file.path).href }
    : { uri: encodeURI(file.path.split('\\').join('/')), uriBaseId: '%SRCROOT%' };
}

function level(message: FileMessage): 'error' | 'warning' | 'note' {
  return message.kind === 'error' ? 'error' : message.kind === 'skip' ? 'note' : 'warning';
}

function region(message: FileMessage): Record<string, number> {
  return {
    startLine: message.line,
    startColumn: message.column,
    ...(message.endLine ? { endLine: message.endLine } : {}),
    ...(message.endColumn ? { endColumn: message.endColumn } : {}),
  };
}

function fix(file: FileResult, changes: number): unknown {
  return {
    description: { text: `Apply layerfix's rewrite of this file (${changes} change${changes === 1 ? '' : 's'})` },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(file),
        replacements: (file.replacements ?? []).map((r) => ({
          deletedRegion: { charOffset: r.offset, charLength: r.length },
          insertedContent: { text: r.text },
        })),
      },
    ],
  };
}

/** The SARIF log of a run. `rules` describes the transforms and rules that may appear. */
export function sarifLog(
  report: FilesReport,
  context: Pick<ReporterContext, 'explain' | 'cwd' | 'version'>,
  rules: readonly RuleInfo[],
): unknown {
  const ruleIds: string[] = [];
  // A finding names its rule in the tool that defines it and links that rule's page, which then documents the rule.
  const ruleUrls = new Map<string, string>();
  const ruleIndex = new Map<string, number>();
  const results: unknown[] = [];
  for (const file of report.files) {
    const changes = file.messages.filter((m) => m.kind === 'change').length;
    let fixed = false;
    for (const message of file.messages) {
      if (message.kind === 'skip' && !context.explain) continue;
      if (!ruleIndex.has(message.ruleId)) ruleIndex.set(message.ruleId, ruleIds.push(message.ruleId) - 1);
      if (message.rule && message.url) ruleUrls.set(message.ruleId, message.url);
      const result: Record<string, unknown> = {
        ruleId: message.ruleId,
        ruleIndex: ruleIndex.get(message.ruleId),
        level: level(message),
        message: { text: messageText(message, file.written) },
        locations: [{ physicalLocation: { artifactLocation: artifactLocation(file), region: region(message) } }],
        // The rule's own name, when it has one (BuildKit's `FromAsCasing`).
        ...(message.rule ? { properties: { rule: message.rule } } : {}),
      };
      if (message.kind === 'change' && file.status === 'changed' && file.replacements && !fixed) {
        result.fixes = [fix(file, changes)];
        fixed = true;
      }
      results.push(result);
    }
  }
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  return {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'layerfix',
            version: context.version,
            informationUri: INFORMATION_URI,
            rules: ruleIds.map((id) => {
              const info = byId.get(id);
              const helpUri = ruleUrls.get(id) ?? info?.url;
              return {
                id,
                name: id,
                shortDescription: { text: info?.description ?? id.replace(/-/g, ' ') },
                ...(helpUri && /^https?:/.test(helpUri) ? { helpUri } : {}),
              };
            }),
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { uri: pathToFileURL(context.cwd.endsWith('/') ? context.cwd : `${context.cwd}/`).href },
        },
        invocations: [{ executionSuccessful: report.summary.failed === 0 }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** The SARIF reporter: prints the whole log at the end. */
export function sarifReporter(context: ReporterContext): Reporter {
  return {
    file() {},
    async end(report) {
      const { transformList } = await import('../registry.js');
      const { loadPluginModule } = await import('../config/plugins.js');
      const plugins = (await Promise.all(report.plugins.map(loadPluginModule))).flat();
      const rules = transformList(plugins).map((t) => ({ id: t.name, description: t.description, url: t.url }));
      context.out.write(`${JSON.stringify(sarifLog(report, context, rules), null, 2)}\n`);
    },
  };
}
