'use strict';
/** `npm run demo`'s command line: its usage text and its flags. */

const USAGE = `Usage: npm run demo -- [options]

  --once             run the sample calls, print the result and exit (0 = everything worked)
  --port N           n8n's port (default: a free one)
  --sandbox-port N   the sandbox's port (default: a free one)
  --screenshots      also save editor screenshots to docs/screenshots/ (needs Debian's chromium:
                     sudo apt-get install -y chromium; never needed for --once)
  --no-build         pack dist/ as it is (skip npm run build)
  --keep             keep the n8n user folder (its logs) after exit
  --help             this text`;

/**
 * @typedef {object} DemoOptions
 * @property {boolean} once exit after the sample calls (0 = everything worked)
 * @property {number | undefined} port n8n's port; undefined: a free one
 * @property {number | undefined} sandboxPort the sandbox's port; undefined: a free one
 * @property {boolean} screenshots also save the editor screenshots
 * @property {boolean} build build before packing (false: pack dist/ as it is)
 * @property {boolean} keep keep the n8n user folder after exit
 * @property {boolean} help print USAGE and exit
 */

/**
 * The flags, or throws naming the one that is wrong.
 * @param {string[]} argv
 * @returns {DemoOptions}
 */
function parseArgs(argv) {
	/** @type {DemoOptions} */
	const o = { once: false, port: undefined, sandboxPort: undefined, screenshots: false, build: true, keep: false, help: false };
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const next = () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${a} needs a value`);
			return v;
		};
		const port = (/** @type {string} */ v) => {
			const n = Number(v);
			if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${a}: not a port: ${v}`);
			return n;
		};
		if (a === '--once') o.once = true;
		else if (a === '--port') o.port = port(next());
		else if (a.startsWith('--port=')) o.port = port(a.slice(7));
		else if (a === '--sandbox-port') o.sandboxPort = port(next());
		else if (a.startsWith('--sandbox-port=')) o.sandboxPort = port(a.slice(15));
		else if (a === '--screenshots') o.screenshots = true;
		else if (a === '--no-build') o.build = false;
		else if (a === '--keep') o.keep = true;
		else if (a === '--help' || a === '-h') o.help = true;
		else throw new Error(`unknown option ${a}`);
	}
	return o;
}

module.exports = { USAGE, parseArgs };
