'use strict';
/**
 * Headless Chromium on the n8n editor: Debian's `chromium` (installed by the user, never by this code) driven by
 * puppeteer-core (installed into the runtime cache on demand, never into this repo). One launch for every
 * screenshot this repo takes: `launchEditorBrowser` opens a browser logged in to an n8n; `screenshotWorkflow` is the
 * simplest picture (one canvas), `scripts/demo/screenshots.cjs` takes the demo's.
 */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { PUPPETEER_SPEC, log, runtimePaths, sleep } = require('./config.cjs');
const { acquireLock, run } = require('./processes.cjs');
const { ensureRuntime, readJson } = require('./install.cjs');

/** What to do when the browser is missing: said once, by every tool that needs it. */
const CHROMIUM_INSTALL_HINT = 'install Debian\'s Chromium with `sudo apt-get install -y chromium`, or set ACTIONSTEP_CHROMIUM to a Chromium binary';

/** The browser binary: $ACTIONSTEP_CHROMIUM, else Debian's /usr/bin/chromium. */
function chromiumPath() {
	return process.env.ACTIONSTEP_CHROMIUM || '/usr/bin/chromium';
}

/** Throws, saying what to install, unless the Chromium binary exists. Cheap: call it before long work. */
function assertChromium() {
	const chromium = chromiumPath();
	if (!fs.existsSync(chromium)) {
		throw Object.assign(new Error(`Chromium is missing (${chromium}); ${CHROMIUM_INSTALL_HINT}`), { code: 'CHROMIUM_MISSING' });
	}
	return chromium;
}

/**
 * Checks that Chromium is installed and installs puppeteer-core into the runtime cache (once).
 * Returns { chromium, puppeteer }.
 * @param {{ onProgress?: (line: string) => void }} [options]
 */
async function ensureBrowser({ onProgress } = {}) {
	const chromium = assertChromium();
	const paths = runtimePaths();
	const rt = await ensureRuntime({ onProgress });
	if (!readJson(paths.browserMarker)) {
		const release = await acquireLock(path.join(paths.dir, 'browser.lock'), { onProgress, what: 'puppeteer-core install' });
		try {
			if (!readJson(paths.browserMarker)) {
				log(onProgress, `installing ${PUPPETEER_SPEC} into ${paths.browserPrefix}…`);
				const logFile = path.join(paths.logs, 'install-puppeteer.log');
				await fsp.rm(paths.browserPrefix, { recursive: true, force: true });
				fs.mkdirSync(paths.browserPrefix, { recursive: true });
				fs.writeFileSync(path.join(paths.browserPrefix, 'package.json'), JSON.stringify({ name: 'runtime-browser', private: true }, null, 2));
				const r = await run(rt.nodeBin, [rt.npmCli, 'install', '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', PUPPETEER_SPEC], {
					cwd: paths.browserPrefix,
					env: rt.env,
					logFile,
				});
				if (r.code !== 0) throw new Error(`npm install ${PUPPETEER_SPEC} failed; see ${logFile}`);
				fs.writeFileSync(paths.browserMarker, JSON.stringify({ spec: PUPPETEER_SPEC, installedAt: new Date().toISOString(), ms: r.ms }));
			}
		} finally {
			release();
		}
	}
	const { createRequire } = require('node:module');
	const puppeteer = createRequire(path.join(paths.browserPrefix, 'package.json'))('puppeteer-core');
	return { chromium, puppeteer: puppeteer.default || puppeteer };
}

// Headless, offline and quiet: no GPU, no QUIC, no first-run pages, no update or sync traffic.
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
	'--hide-scrollbars',
];

/**
 * Launches headless Chromium with a fresh profile and n8n's auth cookie ("n8n-auth=…") set for `url`.
 * Resolves { browser, page, close() }; close() also removes the profile.
 * @param {string} url
 * @param {string} cookie
 * @param {{ width?: number, height?: number, timeoutMs?: number, onProgress?: (line: string) => void }} [options]
 */
async function launchEditorBrowser(url, cookie, { width = 1280, height = 800, timeoutMs = 120000, onProgress } = {}) {
	const { chromium, puppeteer } = await ensureBrowser({ onProgress });
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`, `--window-size=${width},${height}`],
		defaultViewport: { width, height },
		timeout: timeoutMs,
	});
	const close = async () => {
		await browser.close().catch(() => {});
		await fsp.rm(userDataDir, { recursive: true, force: true }).catch(() => {});
	};
	try {
		const eq = String(cookie).indexOf('=');
		await browser.setCookie({ name: cookie.slice(0, eq), value: cookie.slice(eq + 1), domain: new URL(url).hostname, path: '/', httpOnly: true });
		const page = await browser.newPage();
		page.setDefaultTimeout(timeoutMs);
		return { browser, page, close };
	} catch (e) {
		await close();
		throw e;
	}
}

/**
 * The part of a puppeteer `Page` these helpers call (puppeteer-core is installed into the cache, so its own
 * types are not available to the compiler here).
 * @typedef {object} EditorPage
 * @property {(url: string, options: { waitUntil: 'domcontentloaded' }) => Promise<unknown>} goto
 * @property {(selector: string) => Promise<unknown>} waitForSelector
 * @property {(options: { idleTime: number, timeout: number }) => Promise<void>} waitForNetworkIdle
 */

/**
 * Waits until the editor has loaded `route` and drawn its canvas, then for the network and the drawing to settle.
 * @param {EditorPage} page
 * @param {string} url
 * @param {string} route
 * @param {{ settleMs?: number }} [options]
 */
async function openEditorCanvas(page, url, route, { settleMs = 1500 } = {}) {
	await page.goto(`${url.replace(/\/$/, '')}${route}`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('.vue-flow__node');
	await settleEditor(page, { settleMs });
}

/**
 * Waits for the network to go idle (at most 20 s), then `settleMs` more for the drawing.
 * @param {Pick<EditorPage, 'waitForNetworkIdle'>} page
 * @param {{ settleMs?: number }} [options]
 */
async function settleEditor(page, { settleMs = 1500 } = {}) {
	await page.waitForNetworkIdle({ idleTime: 700, timeout: 20000 }).catch(() => {});
	await sleep(settleMs); // icons, edges and panels finish rendering after the network is idle
}

/**
 * Opens the editor at /workflow/<id> logged in with `cookie` ("n8n-auth=…") and saves a PNG of the
 * canvas. Resolves { outPng, nodeCount, title }.
 * @param {string} url
 * @param {string} cookie
 * @param {string} workflowId
 * @param {string} outPng
 * @param {{ width?: number, height?: number, timeoutMs?: number, settleMs?: number, onProgress?: (line: string) => void }} [options]
 */
async function screenshotWorkflow(url, cookie, workflowId, outPng, { width = 1400, height = 800, timeoutMs = 60000, settleMs = 1500, onProgress } = {}) {
	const { page, close } = await launchEditorBrowser(url, cookie, { width, height, timeoutMs, onProgress });
	try {
		await openEditorCanvas(page, url, `/workflow/${encodeURIComponent(workflowId)}`, { settleMs });
		const nodeCount = await page.$$eval('.vue-flow__node', (/** @type {Element[]} */ els) => els.length);
		fs.mkdirSync(path.dirname(path.resolve(outPng)), { recursive: true });
		await page.screenshot({ path: outPng });
		return { outPng, nodeCount, title: await page.title() };
	} finally {
		await close();
	}
}

module.exports = { CHROMIUM_INSTALL_HINT, assertChromium, chromiumPath, ensureBrowser, launchEditorBrowser, openEditorCanvas, screenshotWorkflow, settleEditor };
