export {};

// `npm run bench`: every benchmark, one after the other, printing its figures against the
// targets. A benchmark prints figures; it does not pass or fail the build.
const benches: { name: string; load: () => Promise<() => Promise<Record<string, string | number>>> }[] = [
  { name: 'domain: deadlines of a national school year', load: async () => (await import('./domain')).benchDomain },
  { name: 'digest: 375 owners, 3,100 schools, 1,000,000 cases', load: async () => (await import('./digest')).benchDigest },
  { name: 'worker: due → SMTP throughput, lateness, Redis memory of a national year', load: async () => (await import('./worker')).benchWorker },
  { name: 'import: CSV of a 500-pupil school (target ≤ 2 s)', load: async () => (await import('./import')).benchImport },
  { name: 'casefile: PDF of a case with 200 timeline entries and 5 plan versions (target ≤ 1 s)', load: async () => (await import('./casefile')).benchCaseFile },
];

const only = process.argv[2];
for (const bench of benches) {
  if (only && !bench.name.startsWith(only)) continue;
  console.log(`\n== ${bench.name}`);
  try {
    const run = await bench.load();
    const figures = await run();
    for (const [key, value] of Object.entries(figures)) console.log(`  ${key.padEnd(40)} ${value}`);
  } catch (error) {
    console.log(`  not available: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
