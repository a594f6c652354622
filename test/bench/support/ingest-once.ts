// One ingest in its own process, for the ingest benchmark: prints the summary and the process's
// peak RSS and CPU seconds (every thread's, DuckDB's included) as JSON. Usage: node --import tsx test/bench/support/ingest-once.ts DB FILE
import { ingest } from '../../../ingest/pipeline.ts';
import { openWarehouse } from '../../../cli/open-warehouse.ts';

const [db, file] = process.argv.slice(2);
const warehouse = await openWarehouse({ db });
const started = performance.now();
const summary = await ingest(warehouse, { inputs: [file!], piiKey: 'bench' });
const seconds = (performance.now() - started) / 1000;
warehouse.close();
const { quarantine: _sample, ...counts } = summary;
const usage = process.resourceUsage();
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
process.stdout.write(`${JSON.stringify({ ...counts, seconds, cpuSeconds, peakRssMb: Math.round(usage.maxRSS / 1024) })}\n`);
