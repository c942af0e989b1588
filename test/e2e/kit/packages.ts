/**
 * The packages the e2e suites install into n8n: this repo, built and packed, and a throwaway probe package; and
 * the temp dirs they leave.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { progress, rt } from './runtime';

const tempDirs: string[] = [];

/** Removes the temp dirs this file made (pack and probe dirs) and, unless ACTIONSTEP_E2E_KEEP is set, the given user folders. */
export function cleanupTemp(...userFolders: Array<string | undefined>): void {
	const keep = Boolean(process.env.ACTIONSTEP_E2E_KEEP);
	for (const d of [...tempDirs.splice(0), ...(keep ? [] : userFolders)]) if (d) fs.rmSync(d, { recursive: true, force: true });
}

export interface PreparedPackage {
	/** The tarball of this repo, or undefined when `npm run build` failed (see buildError). */
	tarball?: string;
	buildError?: string;
	/** Whether dist/ holds the node and the credential package.json declares. */
	hasNode: boolean;
}

/**
 * Builds and packs this repo (or takes $ACTIONSTEP_E2E_TARBALL, a tarball packed beforehand).
 * A failed build is reported, not thrown, so a test can still prove the runtime.
 */
export async function preparePackage(): Promise<PreparedPackage> {
	try {
		const given = process.env.ACTIONSTEP_E2E_TARBALL;
		const tarball = given ? path.resolve(given) : await rt.packPackage({ onProgress: progress });
		if (!given) tempDirs.push(path.dirname(tarball));
		const pkg = JSON.parse(fs.readFileSync(path.join(rt.REPO_ROOT, 'package.json'), 'utf8'));
		const files: string[] = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
		const hasNode = files.length > 0 && files.every((f) => fs.existsSync(path.join(rt.REPO_ROOT, f)));
		return { tarball, hasNode };
	} catch (e) {
		return { buildError: (e as Error).message, hasNode: false };
	}
}

/**
 * A throwaway community package, written and packed in a temp dir: node type `n8n-nodes-e2e-probe.e2eProbe`
 * and credential type `e2eProbeApi`. It proves the runtime helper (install, load, credentials, execute)
 * independently of the real package, and can be installed next to it.
 */
export async function makeProbePackage(): Promise<string> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-e2e-probe-'));
	tempDirs.push(dir);
	const src = path.join(dir, 'pkg');
	fs.mkdirSync(path.join(src, 'dist'), { recursive: true });
	fs.writeFileSync(
		path.join(src, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-nodes-e2e-probe',
				version: '0.0.1',
				description: 'e2e probe (throwaway)',
				license: 'MIT',
				keywords: ['n8n-community-node-package'],
				files: ['dist'],
				n8n: { n8nNodesApiVersion: 1, nodes: ['dist/E2eProbe.node.js'], credentials: ['dist/E2eProbeApi.credentials.js'] },
				peerDependencies: { 'n8n-workflow': '*' },
			},
			null,
			2,
		),
	);
	fs.writeFileSync(
		path.join(src, 'dist', 'E2eProbeApi.credentials.js'),
		`'use strict';
class E2eProbeApi {
	constructor() {
		this.name = 'e2eProbeApi';
		this.displayName = 'E2E Probe API';
		this.properties = [{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '' }];
	}
}
exports.E2eProbeApi = E2eProbeApi;
`,
	);
	fs.writeFileSync(
		path.join(src, 'dist', 'E2eProbe.node.js'),
		`'use strict';
class E2eProbe {
	constructor() {
		this.description = {
			displayName: 'E2E Probe',
			name: 'e2eProbe',
			group: ['transform'],
			version: 1,
			description: 'Echoes items, a parameter and a credential fingerprint',
			defaults: { name: 'E2E Probe' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'e2eProbeApi', required: false }],
			properties: [
				{ displayName: 'Word', name: 'word', type: 'string', default: 'probe' },
				{ displayName: 'Use Credential', name: 'useCred', type: 'boolean', default: false },
			],
		};
	}
	async execute() {
		const items = this.getInputData();
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const json = Object.assign({}, items[i].json, { word: this.getNodeParameter('word', i), index: i, nodeVersion: process.version });
			if (this.getNodeParameter('useCred', i)) {
				const c = await this.getCredentials('e2eProbeApi');
				json.secretPrefix = String(c.secret).slice(0, 4);
			}
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}
exports.E2eProbe = E2eProbe;
`,
	);
	const env = rt.cleanEnv();
	const r = await rt.run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: src, env });
	if (r.code !== 0) throw new Error(`npm pack of the probe failed: ${r.stderr}`);
	return path.join(dir, 'n8n-nodes-e2e-probe-0.0.1.tgz');
}

/** The runtime installed (once), this repo built and packed, and a fresh user folder with it installed. A failed build throws. */
export async function userFolderWithThisPackage(): Promise<string> {
	await rt.ensureRuntime({ onProgress: progress });
	const pkg = await preparePackage();
	if (!pkg.tarball) throw new Error(`this package did not build:\n${pkg.buildError}`);
	const { userFolder } = await rt.createUserFolder({ tarball: pkg.tarball, onProgress: progress });
	return userFolder;
}
