import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

type Directives = Record<string, string[]>;

/**
 * The Content-Security-Policy of the web app, GraphiQL and every other response: scripts, styles, fonts and data
 * from this origin only, plus TMDB's image CDN for posters and backdrops. Styles may be inline: Angular adds
 * its components' styles as <style> elements. Nothing may frame the app. The web image's nginx sends the
 * same headers (deploy/docker/security-headers.conf; deploy.spec checks it).
 */
export const CONTENT_SECURITY_POLICY: Directives = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'connect-src': ["'self'"],
  'font-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'img-src': ["'self'", 'data:', 'https://image.tmdb.org'],
  'object-src': ["'none'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
};

const options = (directives: Directives): HelmetOptions => ({
  // Without upgrade-insecure-requests, which would break the app served over plain HTTP (npm start).
  contentSecurityPolicy: { useDefaults: false, directives },
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
});

/** Helmet's security headers on every response (GraphQL, GraphiQL, the web app, errors), without X-Powered-By. */
export function securityHeaders(): Middleware {
  return helmet(options(CONTENT_SECURITY_POLICY));
}
