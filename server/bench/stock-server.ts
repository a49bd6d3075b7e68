// The stock server as a child process of the bench: @y/websocket-server
// 0.1.1's own connection handler (its src/server.js, minus the fixed port),
// no persistence, listening on a free port it prints as `{"port":N}`.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

// Its persistence would be switched on by YPERSISTENCE; the bench measures the stock server without.
if (process.env.YPERSISTENCE) throw new Error('stock-server: YPERSISTENCE must not be set for the bench');

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('okay');
});
wss.on('connection', setupWSConnection);
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.on('SIGTERM', () => process.exit(0));
