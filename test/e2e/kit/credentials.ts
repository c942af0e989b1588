/**
 * Credentials in the e2e suites' n8n, and the sandbox they connect to. The credential itself is built by the
 * runtime helper (scripts/lib/n8n-runtime/credentials.cjs), the one builder the demo and the queue test use too.
 */
import type { IDataObject } from 'n8n-workflow';
import { startSandbox } from '../../../sandbox';
import type { SandboxHandle, SandboxOptions } from '../../../sandbox/types';
import { rt, type ActionstepCredentialOptions, type CredentialExport } from './runtime';

/**
 * Imports credentials with plaintext `data`; n8n encrypts them with the user folder's key.
 * Ids are free strings (n8n's column holds 36 characters); workflows reference them by id and name.
 */
export async function importCredentials(userFolder: string, credentials: CredentialExport[]): Promise<void> {
	await rt.importCredentials(userFolder, credentials);
}

/** `n8n export:credentials --id --decrypted`: the stored credential with its plaintext data (e.g. refreshed tokens). */
export async function exportCredential(userFolder: string, id: string): Promise<CredentialExport> {
	return rt.exportCredential(userFolder, id);
}

/** An `actionstepOAuth2Api` credential for the custom environment (the sandbox). */
export function actionstepCredential(o: ActionstepCredentialOptions): CredentialExport {
	return rt.actionstepCredential(o);
}

/** Starts the Actionstep-compatible sandbox on an ephemeral 127.0.0.1 port, quiet. Close it with `sb.close()`. */
export async function startActionstepSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
	return startSandbox({ quiet: true, ...options });
}

/** The actionstepOAuth2Api credential for a running sandbox, with a freshly issued token. */
export async function sandboxCredential(
	sb: SandboxHandle,
	o: { id: string; name?: string; userId?: number; scope?: string },
): Promise<CredentialExport> {
	const token = await sb.issueToken({ userId: o.userId, scope: o.scope });
	return rt.sandboxCredential(sb, token as unknown as IDataObject, { id: o.id, name: o.name });
}
