/**
 * The e2e suites' kit (index of test/e2e/kit/): end-to-end tests in real n8n (2.41.1 on Node 24, from
 * `scripts/lib/n8n-runtime.cjs`). One file per reason to change: runtime (the runtime helper, typed), packages
 * (this repo packed, the probe package, temp dirs), credentials (and the sandbox they connect to), workflows
 * (build, import, publish, execute), runs (reading an IRun), demo (the demo's pieces the suites share).
 *
 * Typical test:
 *   const pkg = await preparePackage();                  // npm run build + npm pack (once per file)
 *   const { userFolder } = await rt.createUserFolder({ tarball: pkg.tarball });
 *   const sandbox = await startActionstepSandbox();      // sandbox/index.ts, through ts-jest
 *   await importCredentials(userFolder, [await sandboxCredential(sandbox, { id: 'asCred0000000001' })]);
 *   …
 *   await sandbox.close();
 *   await importWorkflow(userFolder, workflow({ id: 'wfE2e000000001', nodes: [manualTrigger(), …] }));
 *   const result = await executeWorkflow(userFolder, 'wfE2e000000001');
 *   expect(nodeJson(result.run, 'Actionstep')).toEqual([...]);
 */
export type { SandboxHandle, SandboxOptions } from '../../sandbox/types';
export * from './kit/runtime';
export * from './kit/packages';
export * from './kit/credentials';
export * from './kit/workflows';
export * from './kit/runs';
export * from './kit/demo';
