'use strict';
/**
 * The demo's editor screenshots (docs/screenshots/, listed in docs/DEMO.md), taken in the real n8n editor with the
 * runtime's headless Chromium. Never part of CI: only `npm run demo -- --screenshots` and the e2e suite's opt-in
 * ACTIONSTEP_E2E_SCREENSHOT take them.
 */
const fs = require('node:fs');
const path = require('node:path');

const rt = require('../lib/n8n-runtime.cjs');

const SCREENSHOTS_DIR = path.join(rt.REPO_ROOT, 'docs', 'screenshots');

/**
 * @typedef {object} EditorScreenshotOptions
 * @property {string} workflowId the workflow to open
 * @property {string} [nodeName] the node to open (its parameters; with executionId, its input and output)
 * @property {string} [executionId] also the canvas of this execution
 * @property {string} [outDir] default docs/screenshots/
 * @property {string} [prefix] file name prefix; default 'log-call'
 * @property {number} [width]
 * @property {number} [height]
 * @property {number} [timeoutMs] browser launch and page timeout
 * @property {(line: string) => void} [onProgress]
 */

/**
 * What the editor showed, for checks.
 * @typedef {object} EditorScreenshotDetails
 * @property {string[]} [canvasNodes] each canvas node's text (60 characters)
 * @property {string} [panelText] the node panel, open on its parameters
 * @property {string} [executionPanelText] the node panel in the execution
 * @property {string} [title] the page title
 */

/**
 * Opens the n8n editor in headless Chromium (logged in with `cookie`) and saves PNGs of one workflow:
 *   <outDir>/<prefix>-workflow.png        the canvas
 *   <outDir>/<prefix>-node.png            the node named `nodeName`, open on its parameters
 *   <outDir>/<prefix>-execution.png       the execution `executionId` (when given): the canvas after the run
 *   <outDir>/<prefix>-execution-node.png  that execution with `nodeName` open: its input and output
 * Resolves the files saved and the text the editor showed.
 * @param {string} url the n8n's base URL
 * @param {string} cookie "n8n-auth=…"
 * @param {EditorScreenshotOptions} options
 * @returns {Promise<{ files: string[], details: EditorScreenshotDetails }>}
 */
async function screenshotEditor(
	url,
	cookie,
	{ workflowId, nodeName, executionId, outDir = SCREENSHOTS_DIR, prefix = 'log-call', width = 1280, height = 800, timeoutMs = 120000, onProgress },
) {
	const { page, close } = await rt.launchEditorBrowser(url, cookie, { width, height, timeoutMs, onProgress });
	/** @type {string[]} */
	const files = [];
	/** @type {EditorScreenshotDetails} */
	const details = {};
	try {
		fs.mkdirSync(outDir, { recursive: true });
		const shot = async (/** @type {string} */ name) => {
			const file = path.join(outDir, `${prefix}-${name}.png`);
			await page.screenshot({ path: file });
			files.push(file);
			if (onProgress) onProgress(`saved ${path.relative(rt.REPO_ROOT, file)}`);
		};
		const open = async (/** @type {string} */ route) => {
			await rt.openEditorCanvas(page, url, route);
			// First-run popovers (the "Production Checklist") close on Escape; the canvas stays as it is.
			await page.keyboard.press('Escape');
			await new Promise((r) => setTimeout(r, 500));
		};
		const openNode = async (/** @type {string} */ name) => {
			const handle = await findNodeOnCanvas(page, name);
			if (!handle) throw new Error(`no node "${name}" on the canvas`);
			const box = await handle.boundingBox();
			if (!box) throw new Error(`the node "${name}" is not drawn on the canvas`);
			await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2, { count: 2 });
			await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { timeout: 30000 });
			await rt.settleEditor(page);
		};

		const wfRoute = `/workflow/${encodeURIComponent(workflowId)}`;
		await open(wfRoute);
		details.canvasNodes = await page.$$eval('.vue-flow__node', (/** @type {Element[]} */ els) => els.map((e) => (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60)));
		await shot('workflow');
		if (nodeName) {
			await openNode(nodeName);
			details.panelText = await ndvText(page);
			await shot('node');
		}
		if (executionId) {
			await open(`${wfRoute}/executions/${encodeURIComponent(executionId)}`);
			await shot('execution');
			if (nodeName) {
				await openNode(nodeName);
				await page.waitForSelector('[data-test-id="ndv"] [data-test-id="output-panel"]', { timeout: 30000 });
				details.executionPanelText = await ndvText(page);
				await shot('execution-node');
			}
		}
		details.title = await page.title();
		return { files, details };
	} finally {
		await close();
	}
}

/**
 * The open node panel's text plus the values shown in its inputs (selected options are input values).
 * @param {{ $eval: (selector: string, read: (el: Element) => string) => Promise<string> }} page
 * @returns {Promise<string>}
 */
function ndvText(page) {
	return page.$eval('[data-test-id="ndv"]', (el) =>
		[el.textContent || '', ...Array.from(el.querySelectorAll('input, textarea'), (i) => /** @type {HTMLInputElement} */ (i).value || '')].join(' ').replace(/\s+/g, ' ').trim(),
	);
}

/**
 * An element on the page, as puppeteer hands it back.
 * @typedef {{ evaluate: (read: (el: Element) => string) => Promise<string>, boundingBox: () => Promise<{ x: number, y: number, width: number, height: number } | null> }} CanvasElement
 */

/**
 * The canvas node whose text is the shortest one containing the name (a sticky note may mention it too).
 * @param {{ $$: (selector: string) => Promise<CanvasElement[]> }} page
 * @param {string} nodeName
 * @returns {Promise<CanvasElement | undefined>}
 */
async function findNodeOnCanvas(page, nodeName) {
	let best;
	let bestLength = Infinity;
	for (const n of await page.$$('.vue-flow__node')) {
		const text = await n.evaluate((el) => el.textContent || '');
		if (text.includes(nodeName) && text.length < bestLength) {
			best = n;
			bestLength = text.length;
		}
	}
	return best;
}

module.exports = { SCREENSHOTS_DIR, screenshotEditor };
