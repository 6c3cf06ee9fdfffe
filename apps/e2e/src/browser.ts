// Debian's chromium driven by playwright-core (`npx playwright install` cannot download
// browsers here). A missing browser fails loudly: the tests must never pass without running.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}, so the browser tests cannot run. ` +
        'Install it with `apt-get install chromium` (Debian), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  // playwright gives every launch a fresh temporary user-data-dir (no profile is reused).
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
