import net from 'node:net';

// HTTP requests written byte for byte, for what fetch and ws refuse to send:
// malformed targets, odd headers, broken framing.

export interface RawResponse {
  /** 0 when the server closed the connection without an answer. */
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * Sends `request` as is and resolves with the first response (or status 0) once
 * the server ends the connection: send `Connection: close`, or an upgrade.
 */
export function rawHttp(baseUrl: string, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${JSON.stringify(request.toString().slice(0, 200))}`));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      // An accepted upgrade keeps the socket open: the 101 is the whole answer.
      if (chunks.length === 1 && chunk.subarray(0, 12).toString('latin1') === 'HTTP/1.1 101') socket.destroy();
    });
    socket.on('error', () => {}); // a reset is an answer too: what arrived before it counts
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks).toString('latin1'))));
    // No half-close: Node's server drops the pending answer of a client that has ended its side.
    socket.write(request);
  });
}

function parseResponse(raw: string): RawResponse {
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/.exec(raw);
  if (!match) return { status: 0, headers: {}, text: raw };
  const end = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(match[0].length, end < 0 ? undefined : end).split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = end < 0 ? '' : raw.slice(end + 4);
  return { status: Number(match[1]), headers, text: headers['transfer-encoding'] === 'chunked' ? unchunk(body) : body };
}

function unchunk(body: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = lineEnd < 0 ? 0 : parseInt(body.slice(at, lineEnd), 16);
    if (!size) return Buffer.from(out, 'latin1').toString('utf8');
    out += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
