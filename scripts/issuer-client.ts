import http from 'node:http';
import https from 'node:https';

/**
 * A JSON request to the embedded issuer through node:http(s), which can trust the issuer's own
 * certificate (`ca`, under HTTPS_SELF_SIGNED) where fetch cannot. Anything but a 2xx is an error.
 */
export function requestJson<T = unknown>(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
  ca?: string,
): Promise<T> {
  const client = url.startsWith('https:') ? https : http;
  const sent = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      { method, headers: sent === undefined ? headers : { ...headers, 'Content-Type': 'application/json' }, ca },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 299) reject(new Error(`${method} ${url} answered ${status}: ${text}`));
          else resolve(JSON.parse(text) as T);
        });
      },
    );
    request.on('error', reject);
    request.end(sent);
  });
}
