import type { IExecuteFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../../transport';
import { oncePerExecution } from '../../../shared/perExecution';

/**
 * The key of the call markers' tags: the credential's client secret, which no caller, agent or other
 * integration writing notes has. Never output or logged; only HMAC tags made with it are written.
 */
export async function markerSecret(this: IExecuteFunctions, i: number): Promise<string> {
	return await oncePerExecution(this, 'marker secret', async () => {
		const credentials = await this.getCredentials(CREDENTIAL_TYPE, i);
		const secret = [credentials.clientSecret, credentials.clientId].find((v) => typeof v === 'string' && v !== '') as string | undefined;
		// A credential always has a client secret; without one the tag still binds the key to this package.
		return secret ?? 'n8n-nodes-actionstep';
	});
}
