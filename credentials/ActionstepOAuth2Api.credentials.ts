import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * Actionstep's OAuth2 authorization-code flow. The data URL is not configured here: Actionstep returns
 * it per organisation as `api_endpoint` in the token response, and the node's transport reads it there.
 */
export class ActionstepOAuth2Api implements ICredentialType {
	name = 'actionstepOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Actionstep OAuth2 API';

	documentationUrl =
		'https://github.com/n8n-nodes-actionstep/n8n-nodes-actionstep#connect-the-actionstep-credential';

	icon: Icon = {
		light: 'file:../nodes/Actionstep/actionstep.svg',
		dark: 'file:../nodes/Actionstep/actionstep.dark.svg',
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: 'go.actionstep.com — live Actionstep organisations',
				},
				{
					name: 'Staging',
					value: 'staging',
					description: 'go.actionstepstaging.com — Actionstep developer sandboxes',
				},
				{
					name: 'Custom',
					value: 'custom',
					description:
						'A self-hosted Actionstep-compatible server, such as the sandbox bundled with this package',
				},
			],
			default: 'production',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:8787',
			description:
				'Root URL of the Actionstep-compatible server. Authorization goes to {Base URL}/api/oauth/authorize and tokens to {Base URL}/api/oauth/token; data requests may only go to this host.',
			displayOptions: { show: { environment: ['custom'] } },
			required: true,
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default:
				'={{ $self["environment"] === "custom" ? String($self["baseUrl"]).replace(/\\/+$/, "") + "/api/oauth/authorize" : $self["environment"] === "staging" ? "https://go.actionstepstaging.com/api/oauth/authorize" : "https://go.actionstep.com/api/oauth/authorize" }}',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default:
				'={{ $self["environment"] === "custom" ? String($self["baseUrl"]).replace(/\\/+$/, "") + "/api/oauth/token" : $self["environment"] === "staging" ? "https://api.actionstepstaging.com/api/oauth/token" : "https://api.actionstep.com/api/oauth/token" }}',
			required: true,
		},
		{
			// Actionstep fixes scopes at grant time; `all` avoids a re-authorization whenever the node gains a resource.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'all',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Actionstep's token endpoint reads client_id and client_secret from the form body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}
