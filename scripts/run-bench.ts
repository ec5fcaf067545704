// Runs one benchmark module's exported function in this process and writes its results as JSON.
// Usage: tsx scripts/run-bench.ts <module> <exportName> <out.json>
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [modulePath, fnName, outFile] = process.argv.slice(2);
if (!modulePath || !fnName || !outFile) throw new Error('usage: run-bench.ts <module> <export> <out.json>');
const mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
const fn = mod[fnName];
if (typeof fn !== 'function') throw new Error(`${modulePath} does not export ${fnName}()`);
const results: unknown = await (fn as () => Promise<unknown>)();
writeFileSync(outFile, JSON.stringify(results, null, 2));
process.exit(0);
