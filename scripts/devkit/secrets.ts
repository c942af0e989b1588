/** What must never leave a run: the credential's tokens and client secret. */
import type { CredentialStore } from './credentials';

/** The access and refresh tokens and the client secret of a stored credential. */
export function secretsOf(credential: CredentialStore): string[] {
	const token = (credential.data.oauthTokenData ?? {}) as Record<string, unknown>;
	return [token.access_token, token.refresh_token, credential.data.clientSecret].filter(
		(s): s is string => typeof s === 'string' && s.length >= 8,
	);
}

/** Throws (naming only the secret's last four characters) when any secret appears in `text`. */
export function assertNoSecrets(secrets: string[], text: string): void {
	for (const secret of secrets) {
		if (text.includes(secret)) throw new Error(`A credential secret leaked into the run data or logs (…${secret.slice(-4)})`);
	}
}
