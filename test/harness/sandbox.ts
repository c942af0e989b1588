/** One sandbox per suite, and a credential connected to it the way a user's would be after the OAuth popup. */
import type { IDataObject } from 'n8n-workflow';

import { startSandbox } from '../../sandbox';
import type { SandboxHandle, SandboxOptions } from '../../sandbox';
import { sandboxCredential } from './engine';
import type { CredentialStore } from './engine';

export interface SandboxFixture {
	sandbox: SandboxHandle;
	credential: CredentialStore;
	/** A fresh credential (new token) against the same sandbox. */
	connect(scope?: string): Promise<CredentialStore>;
}

export async function openSandbox(options: SandboxOptions = {}): Promise<SandboxFixture> {
	const sandbox = await startSandbox({ port: 0, quiet: true, ...options });
	const connect = async (scope = 'all') =>
		sandboxCredential(sandbox.url, (await sandbox.issueToken({ scope })) as unknown as IDataObject, sandbox);
	return { sandbox, credential: await connect(), connect };
}

/** REST requests the sandbox saw, optionally only those to one collection. */
export function restRequests(sandbox: SandboxHandle, collection?: string) {
	return sandbox
		.requests()
		.filter((r) => !collection || r.path.startsWith(`/api/rest/${collection}`));
}
