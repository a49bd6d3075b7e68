import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLOSE } from '@plenum/shared/protocol';
import { PEER_LIMITS, type PeerLimits } from '@plenum/shared/limits';
import type { Synchronous } from './commit-batch.ts';
import { Checkpointer } from './checkpointer.ts';
import { ADMISSION_LIMITS, AddressLimiter, type AdmissionLimits } from './admission.ts';
import { handleApi, type ApiContext } from './api.ts';
import { currentDraft } from './export.ts';
import { clientAddress } from './client-address.ts';
import { snapshotSession, stopTimerOfClosedPhase, watchPhaseClosures } from './phase-actions.ts';
import { guardRequest, guardUpgrade, replyWithError, requestTarget } from './http-util.ts';
import { OriginPolicy } from './origin.ts';
import { fallbackLogger, type Logger } from './logger.ts';
import { Metrics } from './metrics.ts';
import { loadOperatorPages, renderOperatorPage, type OperatorPageSources } from './operator-pages.ts';
import { BACKGROUND_RENDER_LOG, Renderer, type BackgroundRenderLines } from './protocol/renderer.ts';
import { Retention } from './retention.ts';
import { Rooms } from './rooms.ts';
import { serveStatic } from './static-files.ts';
import { Storage } from './storage.ts';
import { createWebSocketGateway, refuseUpgrade } from './upgrade.ts';

export interface PlenumServerOptions {
  port?: number;
  host?: string;
  dataDir: string;
  /** The built client; defaults to client/dist beside this package. */
  staticDir?: string;
  /** Base of the links handed out; without it, the listening address or an allowed origin the Host header names. */
  publicUrl?: string;
  /** Further origins whose pages may open websockets and appear in links (origin.ts). */
  allowedOrigins?: string[];
  idleUnloadMs?: number;
  compactEvery?: number;
  /** Interval of websocket pings; a socket that misses one is dropped. */
  heartbeatMs?: number;
  /** A connection sent nothing for one to two of these is sent an empty awareness update (S12); under half the stock client's 30 s. */
  keepAliveMs?: number;
  /** Days after its creation a workshop is deleted whole (RETENTION_DAYS); unset keeps it until deleted by hand. */
  retentionDays?: number;
  /** The clock for creation times and retention; tests inject one. */
  now?: () => number;
  /** Where the server logs (JSON lines, logger.ts); warnings and errors to standard error if not given. */
  logger?: Logger;
  /** What one websocket may cost (docs/sync-spec.md, S10); PEER_LIMITS unless a test or bench sets others. */
  peerLimits?: PeerLimits;
  /** CREATE_SECRET: when set, creating a workshop needs it (`Authorization: Bearer <secret>`). */
  createSecret?: string;
  /** TRUST_PROXY: how many reverse proxies in front append to X-Forwarded-For (0: ignore the header). */
  trustProxy?: number;
  /** Rate limits and maxima (admission.ts); ADMISSION_LIMITS unless set. */
  admission?: Partial<AdmissionLimits>;
  /** SQLITE_SYNCHRONOUS: 'normal' (default; survives kill -9) or 'full' (survives a power cut too); docs/sync-spec.md, S3. */
  synchronous?: Synchronous;
  /** Privacy notice, accessibility statement, imprint (OPERATOR_PAGES_DIR, loaded by loadOperatorPages); Plenum's defaults if not given. */
  operatorPages?: OperatorPageSources;
  /**
   * Start the DOCX/PDF rendering thread at listen and let it render a sample
   * (Renderer.warmUp): a check at start that it can render, and exports in
   * the first minute need not wait for it (it ends when idle, renderer.ts).
   * main.ts (production) sets it; off by default, so the many servers of the
   * tests start no thread they do not use.
   */
  warmUpRenderer?: boolean;
}

export interface PlenumServer {
  readonly port: number;
  readonly url: string;
  readonly rooms: Rooms;
  readonly storage: Storage;
  /** Deletes the workshops older than the retention period now (it also runs at listen and hourly); returns their ids. */
  sweepRetention(): string[];
  listen(): Promise<void>;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_STATIC = path.resolve(here, '../../client/dist');

export function createPlenumServer(options: PlenumServerOptions): PlenumServer {
  const logger = options.logger ?? fallbackLogger();
  const storage = new Storage(options.dataDir, undefined, logger, options.synchronous);
  // The gateway is made below; the gauges ask it when scraped.
  const metrics = new Metrics({ connections: () => gateway.connectionCount(), loadedDocuments: () => rooms.size });
  const rooms: Rooms = new Rooms(storage, {
    idleUnloadMs: options.idleUnloadMs ?? 30_000,
    compactEvery: options.compactEvery ?? 500,
    logger,
    onCommit: (seconds) => metrics.commitSeconds.observe(seconds),
    // Closing a phase keeps its boards as they were at that moment (named snapshot).
    onSessionLoaded: (room) =>
      watchPhaseClosures(room, (phase) => {
        stopTimerOfClosedPhase(room, phase.id);
        try {
          snapshotSession({ storage, rooms }, room.sessionId, `Phase geschlossen: ${phase.title}`);
        } catch (error) {
          logger.error({ err: error }, 'could not take the phase snapshot');
        }
      }),
  });
  // A failing checkpoint (a full disk) is logged once, not every second until it passes.
  let checkpointFailing = false;
  const checkpoints = new Checkpointer({
    file: storage.file,
    onReport: (report) => {
      if (report.ok) metrics.checkpointSeconds.observe(report.seconds);
      else if (!checkpointFailing) logger.warn({ code: report.code, message: report.message }, 'a checkpoint of the write-ahead log failed; it is tried again every second');
      checkpointFailing = !report.ok;
    },
    onStop: (error) => logger.error({ err: error }, 'the checkpoint thread stopped; commits checkpoint the write-ahead log themselves now'),
  });
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC);
  const origins = new OriginPolicy({
    publicUrl: options.publicUrl,
    allowedOrigins: options.allowedOrigins,
    listening: () => ({ host, port }),
  });
  const limits = { ...ADMISSION_LIMITS, ...options.admission };
  const addressOf = (req: http.IncomingMessage) => clientAddress(req, options.trustProxy ?? 0);
  const connecting = new AddressLimiter(limits.connectBurst, limits.connectPerSecond);
  const gateway = createWebSocketGateway({
    storage,
    rooms,
    logger,
    metrics,
    heartbeatMs: options.heartbeatMs ?? 30_000,
    keepAliveMs: options.keepAliveMs ?? 12_000,
    peerLimits: options.peerLimits ?? PEER_LIMITS,
    admit: (req) => connecting.take(addressOf(req)),
    maxConnectionsPerSession: limits.maxConnectionsPerSession,
    allowsOrigin: (req) => origins.allowsSocket(req),
  });
  const now = options.now ?? Date.now;
  const retention = new Retention({ storage, rooms }, { days: options.retentionDays, now, logger });
  const renderer = new Renderer();
  const operatorPages = options.operatorPages ?? loadOperatorPages();
  const api: ApiContext = {
    storage,
    rooms,
    now,
    renderer,
    prepareRenderer: (sessionId) =>
      renderInBackground(
        () => renderer.prepare(sessionId, () => currentDraft({ storage, rooms }, sessionId)),
        BACKGROUND_RENDER_LOG.draft,
      ),
    linkBase: (req) => origins.linkBase(req),
    closeConnections: (filter, code, reason) => gateway.closeConnections(filter, code, reason),
    logger,
    metrics,
    operatorPage: (page, lang) => renderOperatorPage(operatorPages, page, lang, { retentionDays: options.retentionDays }),
    creation: {
      secret: options.createSecret || null,
      limiter: new AddressLimiter(limits.createBurst, limits.createPerHour / 3600),
      addressOf,
      maxSessions: limits.maxSessions,
    },
  };

  let requestCount = 0;
  const httpServer = http.createServer(guardRequest((req, res) => {
    // Paths only: tokens travel in headers, query strings and URL fragments, never in the log.
    const url = requestTarget(req);
    const reqId = ++requestCount;
    // Logged here, inside the guard: a failing log destination answers 500, it cannot end the process.
    logger.debug({ reqId, method: req.method, path: url.pathname }, 'request');
    res.on('finish', () => metrics.requests.inc({ status: `${Math.floor(res.statusCode / 100)}xx` }));
    const handle = async () => {
      if (url.pathname === '/healthz') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      } else if (url.pathname === '/metrics') {
        const text = await metrics.render();
        res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' }).end(text);
      } else if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
        await handleApi(api, req, res, url);
      } else {
        serveStatic(staticDir, req, res, url.pathname);
      }
    };
    handle().catch((error: unknown) => replyWithError(res, error, logger.child({ reqId })));
  }, logger));

  httpServer.on('upgrade', guardUpgrade(refuseUpgrade, (req: http.IncomingMessage, socket: net.Socket, head: Buffer) =>
    gateway.handleUpgrade(req, socket, head),
  logger));

  let port = options.port ?? 0;
  const host = options.host ?? '127.0.0.1';
  let closed = false;
  /**
   * A render nobody waits for (the sample at start, a session's draft when a
   * moderator gets an export ready): an export that comes meanwhile queues
   * behind it. Logs its time once done (not when there was nothing to
   * render); a failure is only logged, as the export would report it.
   */
  const renderInBackground = (render: () => Promise<unknown>, { done, failed }: BackgroundRenderLines) => {
    const started = performance.now();
    render().then(
      (files) => files && logger.info({ ms: Math.round(performance.now() - started) }, done),
      // A server closed meanwhile stopped the thread itself.
      (error: unknown) => closed || logger.warn({ err: error }, failed),
    );
  };

  return {
    get port() {
      return port;
    },
    get url() {
      return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    },
    rooms,
    storage,
    sweepRetention: () => retention.sweep(),
    async listen() {
      // Accept nothing before the commit thread can commit (it opens the database itself).
      await rooms.commits.ready();
      return new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          port = (httpServer.address() as net.AddressInfo).port;
          retention.start();
          if (options.warmUpRenderer) renderInBackground(() => renderer.warmUp(), BACKGROUND_RENDER_LOG.sample);
          resolve();
        });
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      // Stop accepting first, so no new connection loads a room behind the shutdown.
      const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      retention.stop();
      rooms.closeAll(CLOSE.goingAway, 'server shutting down');
      gateway.close();
      httpServer.closeAllConnections();
      await stopped;
      await renderer.close();
      await checkpoints.close();
      storage.close();
    },
  };
}
