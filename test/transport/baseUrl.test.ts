import { resolveRestBaseUrl } from '../../nodes/Actionstep/transport/baseUrl';

const token = (api_endpoint: unknown) => ({ oauthTokenData: { api_endpoint } });

describe('the data URL comes from api_endpoint and must belong to the environment', () => {
	test.each([
		['production', 'https://ap-southeast-2.actionstep.com/api/', 'https://ap-southeast-2.actionstep.com/api/rest/'],
		['production', 'https://us-west-2.actionstep.com/api', 'https://us-west-2.actionstep.com/api/rest/'],
		['staging', 'https://ap-southeast-2.actionstepstaging.com/api/', 'https://ap-southeast-2.actionstepstaging.com/api/rest/'],
	])('%s %s', (environment, endpoint, expected) => {
		expect(resolveRestBaseUrl({ environment, ...token(endpoint) })).toEqual({ ok: true, restBaseUrl: expected });
	});

	test('the custom environment allows exactly the Base URL host, http included', () => {
		expect(
			resolveRestBaseUrl({ environment: 'custom', baseUrl: 'http://127.0.0.1:8787', ...token('http://127.0.0.1:8787/api/') }),
		).toEqual({ ok: true, restBaseUrl: 'http://127.0.0.1:8787/api/rest/' });
		expect(
			resolveRestBaseUrl({ environment: 'custom', baseUrl: 'http://127.0.0.1:8787', ...token('http://127.0.0.1:9999/api/') }).ok,
		).toBe(false);
		expect(
			resolveRestBaseUrl({ environment: 'custom', baseUrl: 'http://127.0.0.1:8787', ...token('https://127.0.0.1:8787/api/') }).ok,
		).toBe(false);
	});

	test.each([
		['production', 'https://evil.example/api/'],
		['production', 'https://actionstep.com.evil.example/api/'],
		['production', 'https://evilactionstep.com/api/'],
		['production', 'http://ap-southeast-2.actionstep.com/api/'],
		['production', 'https://ap-southeast-2.actionstepstaging.com/api/'],
		['staging', 'https://ap-southeast-2.actionstep.com/api/'],
		['production', 'https://user:pass@go.actionstep.com/api/'],
		['production', 'https://go.actionstep.com/api/?x=1'],
		['production', 'javascript:alert(1)'],
		['mars', 'https://go.actionstep.com/api/'],
	])('refuses %s %s', (environment, endpoint) => {
		const result = resolveRestBaseUrl({ environment, ...token(endpoint) });
		expect(result.ok).toBe(false);
	});

	test('missing endpoint tells the user to reconnect', () => {
		for (const data of [{}, token(undefined), token(''), token(42)]) {
			const result = resolveRestBaseUrl({ environment: 'production', ...data });
			expect(result).toMatchObject({ ok: false, description: expect.stringMatching(/Reconnect/) });
		}
	});
});
