// A tiny MCP server over stdio (newline-delimited JSON-RPC) for tests. Its catalogue is read once
// at start: the description of "echo" comes from the file named by FAKE_MCP_DESCRIPTION_FILE (so a
// test can change it between starts). Tools: echo (returns its text), slow (sleeps ms, then
// answers), fail (answers an error). Every call is appended to FAKE_MCP_LEDGER when set.
const fs = require('fs');
const readline = require('readline');

const descriptionFile = process.env.FAKE_MCP_DESCRIPTION_FILE;
const echoDescription = descriptionFile && fs.existsSync(descriptionFile)
  ? fs.readFileSync(descriptionFile, 'utf8').trim()
  : 'Echoes the text back.';
const ledger = process.env.FAKE_MCP_LEDGER;

const tools = [
  {
    name: 'echo',
    description: echoDescription,
    inputSchema: {
      type: 'object',
      properties: { text: { type: 'string', description: 'what to echo' } },
      required: ['text'],
    },
  },
  {
    name: 'slow',
    description: 'Waits, then answers.',
    inputSchema: {
      type: 'object',
      properties: { ms: { type: 'integer' } },
      required: ['ms'],
    },
  },
  {
    name: 'fail',
    description: 'Always fails.',
    inputSchema: { type: 'object', properties: {} },
  },
];

function send(message) {
  process.stdout.write(JSON.stringify(message) + '\n');
}

function answer(id, result) {
  send({ jsonrpc: '2.0', id, result });
}

function text(t, isError) {
  return { content: [{ type: 'text', text: t }], isError: !!isError };
}

function call(id, params) {
  const args = params.arguments || {};
  if (ledger) {
    fs.appendFileSync(ledger, JSON.stringify({ pid: process.pid, tool: params.name, args }) + '\n');
  }
  switch (params.name) {
    case 'echo':
      return answer(id, text('echo: ' + args.text));
    case 'slow':
      return setTimeout(() => answer(id, text('slept ' + args.ms)), args.ms);
    case 'fail':
      return answer(id, text('it failed', true));
    default:
      return send({ jsonrpc: '2.0', id, error: { code: -32602, message: 'unknown tool' } });
  }
}

const input = readline.createInterface({ input: process.stdin });
input.on('line', (line) => {
  if (!line.trim()) return;
  const message = JSON.parse(line);
  switch (message.method) {
    case 'initialize':
      return answer(message.id, {
        protocolVersion: message.params.protocolVersion,
        capabilities: { tools: {} },
        serverInfo: { name: 'fake-mcp', version: '1.0.0' },
      });
    case 'ping':
      return answer(message.id, {});
    case 'tools/list':
      return answer(message.id, { tools });
    case 'tools/call':
      return call(message.id, message.params);
    default:
      if (message.id !== undefined) {
        send({ jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'no method' } });
      }
  }
});
input.on('close', () => process.exit(0));
