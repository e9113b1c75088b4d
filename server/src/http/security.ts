import type { NextFunction, Request, Response } from 'express';

/**
 * Security headers on every response. The Content-Security-Policy allows no inline or
 * third-party script (source documents are shown as text, never as markup, and this is the
 * second line of defence), connections only back to this relay, and no framing.
 * Inline *styles* stay allowed: React Flow positions nodes with style attributes.
 */
export function securityHeaders(req: Request, res: Response, next: NextFunction): void {
  const host = req.get('host') ?? '';
  const sockets = /^[A-Za-z0-9.:[\]-]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self'${sockets}`,
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
}
