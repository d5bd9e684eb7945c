// A tiny streamable HTTP MCP server for tests: JSON-RPC over POST /mcp, answered as
// application/json. Requires "Authorization: Bearer <FAKE_MCP_TOKEN>" (401 otherwise). One tool,
// "shout", which upper-cases its text and names the Idempotency-Key header it got. Prints the port it listens on as its first line.
const http = require('http');

const token = process.env.FAKE_MCP_TOKEN;
const tools = [
  {
    name: 'shout',
    description: 'Upper-cases the text.',
    inputSchema: {
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
    },
  },
];

function result(message, key) {
  switch (message.method) {
    case 'initialize':
      return {
        protocolVersion: message.params.protocolVersion,
        capabilities: { tools: {} },
        serverInfo: { name: 'fake-mcp-http', version: '1.0.0' },
      };
    case 'ping':
      return {};
    case 'tools/list':
      return { tools };
    case 'tools/call':
      return {
        content: [{
          type: 'text',
          text: String(message.params.arguments.text).toUpperCase() + ' (key ' + key + ')',
        }],
        isError: false,
      };
    default:
      return undefined;
  }
}

const server = http.createServer((req, res) => {
  if (req.headers.authorization !== 'Bearer ' + token) {
    res.writeHead(401, { 'Content-Type': 'application/json' });
    return res.end('{"error":"unauthorized"}');
  }
  if (req.method !== 'POST') {
    res.writeHead(405);
    return res.end();
  }
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const message = JSON.parse(body);
    if (message.id === undefined) {
      res.writeHead(202);
      return res.end();
    }
    const answer = result(message, req.headers['idempotency-key']);
    const reply = answer === undefined
      ? { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'no method' } }
      : { jsonrpc: '2.0', id: message.id, result: answer };
    res.writeHead(200, { 'Content-Type': 'application/json', 'Mcp-Session-Id': 'test-session' });
    res.end(JSON.stringify(reply));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
