'use strict';
/** Editor screenshots with Debian's chromium and puppeteer-core (installed into the cache on demand). */
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const { PUPPETEER_SPEC, cleanEnv, log, runtimePaths, sleep } = require('./config.cjs');
const { acquireLock, run } = require('./processes.cjs');
const { ensureRuntime, readJson } = require('./install.cjs');


/**
 * Makes sure Debian's chromium is installed (apt-get, as root) and puppeteer-core is installed into
 * the runtime cache (never into this repo). Returns { chromium, puppeteer }.
 * @param {{ onProgress?: (line: string) => void }} [options]
 */
async function ensureBrowser({ onProgress } = {}) {
	const paths = runtimePaths();
	const chromium = process.env.ACTIONSTEP_CHROMIUM || '/usr/bin/chromium';
	if (!fs.existsSync(chromium)) {
		if (process.getuid && process.getuid() !== 0) {
			throw new Error(`${chromium} is missing; install it with: sudo apt-get update && sudo apt-get install -y chromium`);
		}
		log(onProgress, 'installing chromium with apt-get (about 20 s)…');
		const logFile = path.join(paths.logs, 'apt-chromium.log');
		const env = Object.assign(cleanEnv(), { DEBIAN_FRONTEND: 'noninteractive' });
		let r = await run('apt-get', ['update'], { env, logFile });
		if (r.code !== 0) throw new Error(`apt-get update failed; see ${logFile}`);
		r = await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env, logFile });
		if (r.code !== 0 || !fs.existsSync(chromium)) throw new Error(`apt-get install chromium failed; see ${logFile}`);
	}
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
	const req = createRequire(path.join(paths.browserPrefix, 'package.json'));
	const puppeteer = req('puppeteer-core');
	// Debian's /usr/bin/chromium is a shell wrapper (it prints "[: unexpected operator" here); launch the binary.
	const binary = !process.env.ACTIONSTEP_CHROMIUM && fs.existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : chromium;
	return { chromium: binary, puppeteer: puppeteer.default || puppeteer };
}

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

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
	const { chromium, puppeteer } = await ensureBrowser({ onProgress });
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
	const browser = await puppeteer.launch({
		executablePath: chromium,
		headless: true,
		args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`, `--window-size=${width},${height}`],
		defaultViewport: { width, height },
		timeout: timeoutMs,
	});
	try {
		const page = await browser.newPage();
		const u = new URL(url);
		const [name, ...rest] = String(cookie).split('=');
		await browser.setCookie({ name, value: rest.join('='), domain: u.hostname, path: '/', httpOnly: true });
		await page.goto(`${url.replace(/\/$/, '')}/workflow/${encodeURIComponent(workflowId)}`, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
		await page.waitForSelector('.vue-flow__node', { timeout: timeoutMs });
		await page.waitForNetworkIdle({ idleTime: 500, timeout: Math.min(timeoutMs, 15000) }).catch(() => {});
		await sleep(settleMs); // icons and edges settle after the nodes appear
		const nodeCount = await page.$$eval('.vue-flow__node', (els) => els.length);
		fs.mkdirSync(path.dirname(path.resolve(outPng)), { recursive: true });
		await page.screenshot({ path: outPng });
		return { outPng, nodeCount, title: await page.title() };
	} finally {
		await browser.close().catch(() => {});
		await fsp.rm(userDataDir, { recursive: true, force: true }).catch(() => {});
	}
}

module.exports = { ensureBrowser, screenshotWorkflow };
