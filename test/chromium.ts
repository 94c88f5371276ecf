// The browser for the page tests, so that `npm test` needs no system browser: the Chromium build that
// the npm package @sparticuz/chromium carries inside its tarball (brotli files, no install script),
// unpacked once into node_modules/.cache. CHROMIUM_PATH names another Chromium or Chrome instead.
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { type Browser, chromium } from 'playwright-core';
import { extract } from 'tar-fs';

// tar-fs 3 takes `chown: false` (keep files owned by whoever unpacks); @types/tar-fs predates it.
declare module 'tar-fs' {
  interface ExtractOptions {
    chown?: boolean;
  }
}

/**
 * Headless (Playwright's `--headless`) without a sandbox (`--no-sandbox`: root, containers) or a GPU,
 * and nothing that calls out: these machines' network is closed and refuses every call home
 * (updates, components, first-run pings), many at a time. Playwright passes the last three today;
 * they are named here so that the tests do not rest on its defaults.
 */
const FLAGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** Launches headless Chromium for a test file; the caller closes it. */
export async function launchChromium(): Promise<Browser> {
  const options = { headless: true, chromiumSandbox: false, args: FLAGS };
  const own = process.env.CHROMIUM_PATH;
  if (own) return chromium.launch({ ...options, executablePath: own });
  const dir = await unpackedChromium();
  return chromium.launch({
    ...options,
    executablePath: path.join(dir, 'chromium'),
    env: {
      ...process.env,
      // The package's own NSS, NSPR and expat (built for Amazon Linux 2023: glibc 2.34 or later), so a
      // machine without libnss3 runs it too.
      LD_LIBRARY_PATH: [path.join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
    },
  });
}

/** The unpacked build's folder, unpacked on first use (about 2 s, 220 MB); a half-done unpack is never used. */
async function unpackedChromium(): Promise<string> {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `@sparticuz/chromium carries a Linux x64 build only; on ${process.platform} ${process.arch} set CHROMIUM_PATH to a Chromium or Chrome`,
    );
  }
  // Node's own lookup, to the package's folder (its entry file moves between versions).
  const packageDir = createRequire(import.meta.url)
    .resolve.paths('@sparticuz/chromium')
    ?.map((modules) => path.join(modules, '@sparticuz', 'chromium'))
    .find((candidate) => existsSync(path.join(candidate, 'package.json')));
  if (!packageDir) throw new Error('@sparticuz/chromium is not installed: run npm install');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const dir = path.resolve(packageDir, '..', '..', '.cache', `sparticuz-chromium-${version}`);
  if (existsSync(dir)) return dir;

  mkdirSync(path.dirname(dir), { recursive: true });
  const partial = mkdtempSync(`${dir}.partial-`);
  chmodSync(partial, 0o755);
  try {
    const unpack = (file: string, to: NodeJS.WritableStream) =>
      pipeline(createReadStream(path.join(packageDir, 'bin', file)), createBrotliDecompress(), to);
    // As root, tar-fs would give the files to the uid they were packed under, whoever has it here.
    const untar = (to: string) => extract(to, { chown: false });
    await Promise.all([
      unpack('chromium.br', createWriteStream(path.join(partial, 'chromium'), { mode: 0o755 })),
      // SwiftShader beside the binary: without it the GPU process fails at every start, even with --disable-gpu.
      unpack('swiftshader.tar.br', untar(partial)),
      unpack('al2023.tar.br', untar(partial)),
      unpack('fonts.tar.br', untar(path.join(partial, 'fonts'))),
    ]);
    writeFileSync(path.join(partial, 'fonts.conf'), fontConfig(dir));
    renameSync(partial, dir);
  } catch (error) {
    // Another run that finished first has put the same files in place.
    if (!existsSync(dir)) throw error;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
  return dir;
}

/** The machine's fonts where it has a fontconfig set-up, and the package's Open Sans always, so text renders on a bare machine too. */
function fontConfig(dir: string): string {
  const xml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(path.join(dir, 'fonts'))}</dir>
  <cachedir>${xml(path.join(dir, 'fonts-cache'))}</cachedir>
</fontconfig>
`;
}
