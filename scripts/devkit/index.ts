/**
 * The development kit `test/` and `scripts/` share: the node types, the sandbox credential and n8n's OAuth2
 * credentials path, one way to run a workflow in n8n-core's engine, the secret scan, and n8n's logger
 * captured. Import from here, not from the files behind it.
 */
export { engineAdditionalData } from './additionalData';
export { DevCredentialsHelper, sandboxCredential, sandboxCredentialData } from './credentials';
export type { CredentialStore } from './credentials';
export { CREDENTIAL_REF, runInEngine } from './engine';
export type { EngineRun } from './engine';
export { captureN8nLogs, clearLogs, loggedSince, logMark, logText } from './n8nLogs';
export type { LogEntry, LogLevel } from './n8nLogs';
export { actionstepNodeTypes, CREDENTIAL_TYPE, NODE_TYPE, nodeTypesOf, packageNodeTypes, POLL_TYPE, TRIGGER_TYPE } from './nodeTypes';
export { assertNoSecrets, secretsOf } from './secrets';
