// A minimal Prisma generator that writes Prisma's own DMMF datamodel as JSON to its `output`.
// Prisma talks to generators in JSON-RPC: requests on stdin, one JSON response per line on stderr.
const fs = require('node:fs');
const readline = require('node:readline');

const handlers = {
  getManifest: () => ({ manifest: { prettyName: 'DMMF JSON', defaultOutput: 'dmmf.json', requiresEngines: [] } }),
  generate: (options) => {
    fs.writeFileSync(options.generator.output.value, JSON.stringify(options.dmmf.datamodel, null, 2));
    return null;
  },
};

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, method, params } = JSON.parse(line);
  let response;
  try {
    response = { jsonrpc: '2.0', id, result: handlers[method](params) };
  } catch (error) {
    response = { jsonrpc: '2.0', id, error: { code: -32000, message: String(error), data: null } };
  }
  process.stderr.write(JSON.stringify(response) + '\n');
});
