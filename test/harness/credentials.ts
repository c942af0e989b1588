/** The tests' names for the kit's credential pieces (scripts/devkit): many tests import them from here. */
import { actionstepNodeTypes, DevCredentialsHelper } from '../../scripts/devkit';

export { CREDENTIAL_TYPE, NODE_TYPE, sandboxCredential } from '../../scripts/devkit';
export type { CredentialStore } from '../../scripts/devkit';

/** The credentials helper n8n-core is given: n8n's real OAuth2 path, refreshed tokens kept. */
export const TestCredentialsHelper = DevCredentialsHelper;
export const nodeTypes = actionstepNodeTypes;
