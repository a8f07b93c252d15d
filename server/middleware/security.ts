import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Security headers (helmet) with a Content-Security-Policy the built client
 * runs under: its scripts, styles, worker and images all come from this
 * origin, and nothing is inline. Cross-origin calls are refused unless an
 * origin is listed (ATLAS_CORS_ORIGINS).
 */

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // The app is served over plain HTTP on loopback by default; HSTS belongs to the TLS proxy in front of it.
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/**
 * CORS for the listed origins only; with none, no CORS header is ever sent
 * (same-origin only) and nothing is mounted: every layer costs each request a
 * turn through the router.
 */
export function crossOrigin(origins: readonly string[]): RequestHandler[] {
  if (origins.length === 0) return [];
  return [cors({
    origin: [...origins],
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Content-Disposition'],
    maxAge: 600,
  })];
}

/**
 * API answers hold personal data: no browser, proxy or shared workstation
 * keeps them (`Cache-Control: no-store`). With nothing to revalidate, the app
 * sends no ETag either (see createApp), which spares hashing every body.
 */
export function noStore(): RequestHandler {
  return (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
