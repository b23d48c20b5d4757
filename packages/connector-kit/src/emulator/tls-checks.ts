import type { ConnectorV1 } from "@omnibridge/core-model";
import { startSelfSignedServer } from "./self-signed";

/** One named TLS check; `run` throws an Error describing the violation. */
export interface TlsCheck {
  name: string;
  run: () => Promise<void>;
}

function fail(message: string): never {
  throw new Error(message);
}

/**
 * Framework-free checks that an adapter keeps TLS verification on by default and relaxes it
 * only per system, explicitly: `connect(url, tls)` builds the adapter against `url` with the
 * given `tls` setting (undefined = default). Wrap each in your runner: `it(c.name, c.run)`.
 */
export function tlsChecks(
  connect: (url: string, tls: { ca?: string; rejectUnauthorized?: boolean } | undefined) => ConnectorV1,
): TlsCheck[] {
  const withServer = (fn: (server: Awaited<ReturnType<typeof startSelfSignedServer>>) => Promise<void>) => async () => {
    const server = await startSelfSignedServer();
    try {
      await fn(server);
    } finally {
      await server.close();
    }
  };
  return [
    {
      name: "refuses a server whose certificate does not verify, before sending anything",
      run: withServer(async (server) => {
        const connector = connect(server.url, undefined);
        const result = await connector.check();
        await connector.close();
        if (result.ok) fail("check() succeeded against an untrusted certificate");
        if (!/certificate/i.test(result.message)) fail(`check() failed for another reason: ${result.message}`);
        if (server.requests !== 0) fail(`${server.requests} request(s) reached the untrusted server`);
      }),
    },
    {
      name: "talks to it once the system trusts the certificate (tls.ca) or turns verification off",
      run: withServer(async (server) => {
        for (const tls of [{ ca: server.ca }, { rejectUnauthorized: false }]) {
          const before = server.requests;
          const connector = connect(server.url, tls);
          const result = await connector.check();
          await connector.close();
          if (/certificate/i.test(result.message)) fail(`with tls ${Object.keys(tls).join(",")}: still a certificate failure: ${result.message}`);
          if (server.requests <= before) fail(`with tls ${Object.keys(tls).join(",")}: no request reached the server`);
        }
      }),
    },
  ];
}
