/**
 * The browser guard of the admin endpoints and the OAuth consent decision. A loopback client address is
 * not enough: a page in a local browser reaches 127.0.0.1 too, by a form posted cross-site or, with DNS
 * rebinding, under its own host name. So the Host header must name this machine (localhost, 127.0.0.0/8,
 * [::1]) or the host of the configured public URL, and an Origin header, when one is sent, must be the
 * origin the request was made to. Clients that are not browsers (curl, tests, n8n) send no Origin.
 */
import { headerValue, type SandboxRequest } from './http';
import { isLoopbackUrl } from './resources/resthooks';

function parseHost(host: string): URL | undefined {
	try {
		const url = new URL(`http://${host}`);
		// Anything beyond host[:port] (a path, credentials) is not a Host header.
		return url.host === host.toLowerCase().replace(/:80$/, '') && url.pathname === '/' ? url : undefined;
	} catch {
		return undefined;
	}
}

function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/** Why this request must be refused as possibly coming from a foreign web page; undefined when it is fine. */
export function foreignBrowserReason(req: SandboxRequest, publicUrl: string): string | undefined {
	const hostHeader = headerValue(req.headers, 'host');
	const host = hostHeader ? parseHost(hostHeader) : undefined;
	const publicOrigin = originOf(publicUrl);
	const publicHost = publicOrigin ? new URL(publicOrigin).host : undefined;
	if (!host || !(isLoopbackUrl(host) || host.host === publicHost)) {
		return `Host "${hostHeader ?? ''}" is neither a loopback name or address nor the sandbox's public URL host (${publicHost ?? 'none'}).`;
	}
	const origin = headerValue(req.headers, 'origin');
	if (origin === null) return undefined;
	if (origin === host.origin || origin === publicOrigin) return undefined;
	return `Origin "${origin}" is not this sandbox (${host.origin}); these endpoints do not answer other web pages.`;
}
